// Inviting and accepting, against a real database: the domain rule, the mail in the same transaction, single use,
// expiry, revocation, someone else's link, weak and common passwords, existing users, and the guessing limit.
import type { Change } from '@keyfield/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { MAX_FAILURES } from './invitation-limit.ts';

let server: TestServer;
let acmeAdmin: string;
let globexAdmin: string;
let acme: string;
let globex: string;
const STRONG = 'correct horse battery staple';

const op = (id: number, name: string, args: Record<string, unknown>) => ({ id, name, args, createdAt: new Date().toISOString() });
const puts = (changes: Change[], table: string) => changes.filter((c) => c.op === 'put' && c.table === table).map((c) => (c as { row: Record<string, unknown> }).row);
let ipCounter = 0;
/** Each test its own client address, so the guessing limit of one test does not reach another. */
const freshIp = () => `198.51.100.${++ipCounter}`;

async function invite(token: string, accountId: string, email: string, role = 'technician') {
	const invitationId = crypto.randomUUID();
	const { body } = await server.push(token, crypto.randomUUID(), [op(1, 'user.invite', { invitationId, accountId, email, role })]);
	return { invitationId, result: body.results[0]! };
}

/** The link's token, read from the queued mail (the only place it exists in clear). */
async function linkToken(email: string): Promise<string> {
	const mail = await server.db.selectFrom('mail_outbox').select('body').where('to_address', '=', email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
	return /\/invite\/([A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
}

const open = (token: string, ip = freshIp()) => server.call(`/api/invitations/${token}`, { headers: { 'x-forwarded-for': ip } });
const accept = (token: string, body: Record<string, unknown>, options: { ip?: string; session?: string } = {}) =>
	server.call(`/api/invitations/${token}/accept`, { body, token: options.session ?? null, headers: { 'x-forwarded-for': options.ip ?? freshIp() } });

beforeAll(async () => {
	server = await startTestServer();
	[acmeAdmin, globexAdmin] = await Promise.all(['admin@acme.test', 'admin@globex.test'].map((e) => server.login(e))) as [string, string];
	acme = await server.accountId(acmeAdmin, 'Acme Field Services');
	globex = await server.accountId(globexAdmin, 'Globex Industrial');
});
afterAll(() => server?.close());

describe('user.invite', () => {
	it('refuses an email whose domain the account has not approved, naming the domain and how to approve it; no mail', async () => {
		const { result } = await invite(globexAdmin, globex, 'someone@globex.test');
		expect(result).toMatchObject({ status: 'rejected', code: 'domain_not_approved', result: { domain: 'globex.test' } });
		expect(result.message).toMatch(/globex\.test is not an approved email domain.*DNS TXT record.*vendor/);
		// Approved for another account is not approved for this one.
		expect((await invite(acmeAdmin, acme, 'x@northwind.test')).result).toMatchObject({ status: 'rejected', code: 'domain_not_approved' });
		const mail = await server.db.selectFrom('mail_outbox').select('id').where('to_address', 'in', ['someone@globex.test', 'x@northwind.test']).execute();
		expect(mail).toEqual([]);
	});

	it('queues the invitation mail with the link in the same transaction; the row syncs without the token', async () => {
		const email = 'ines@acme.test';
		const { invitationId, result } = await invite(acmeAdmin, acme, email);
		expect(result).toMatchObject({ status: 'applied', result: { invitationId } });
		const mail = await server.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
		expect(mail).toMatchObject({ account_id: acme, status: 'queued', subject: 'You are invited to Acme Field Services on Keyfield' });
		const token = await linkToken(email);
		expect(mail.body).toContain(`http://localhost:8787/invite/${token}`);
		const stored = await server.db.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toContain(token);
		const { changes } = await server.pullAll(acmeAdmin, crypto.randomUUID(), null);
		const row = puts(changes, 'invitations').find((r) => r.id === invitationId);
		expect(row).toMatchObject({ email, role: 'technician', status: 'pending', invitedByEmail: 'admin@acme.test' });
		expect(JSON.stringify(row)).not.toContain(token);
	});

	it('refuses members and people with an open invitation', async () => {
		expect((await invite(acmeAdmin, acme, 'tech@acme.test')).result).toMatchObject({ status: 'rejected', code: 'already_member' });
		await invite(acmeAdmin, acme, 'twice@acme.test');
		expect((await invite(acmeAdmin, acme, 'twice@acme.test')).result).toMatchObject({ status: 'rejected', code: 'invitation_pending' });
	});

	it('is for admins of the account: a technician is refused, another account\'s admin is out of scope', async () => {
		const tech = await server.login('tech@acme.test');
		expect((await invite(tech, acme, 'nope@acme.test')).result).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		expect((await invite(globexAdmin, acme, 'nope@acme.test')).result).toMatchObject({ status: 'rejected', code: 'account_not_in_scope' });
	});
});

describe('accepting an invitation', () => {
	it('a new person sees the invitation, is refused a weak and a common password, then lands signed in in the account', async () => {
		const email = 'nuria@acme.test';
		await invite(acmeAdmin, acme, email, 'member');
		const token = await linkToken(email);
		const info = await open(token);
		expect(info.status).toBe(200);
		expect(await info.json()).toMatchObject({ accountName: 'Acme Field Services', email, role: 'member', existingUser: false });

		const weak = await accept(token, { name: 'Núria', password: 'short' });
		expect(weak.status).toBe(400);
		expect(await weak.json()).toMatchObject({ error: { code: 'password_weak', details: { problem: 'too_short' } } });
		for (const common of ['qwerty123456', 'Password2024!!', '1qaz2wsx3edc']) {
			const res = await accept(token, { name: 'Núria', password: common });
			expect((await res.json()).error.code, common).toBe('password_common');
		}

		const ok = await accept(token, { name: 'Núria', password: STRONG });
		expect(ok.status).toBe(200);
		const session = /kf_session=([^;]+)/.exec(ok.headers.get('set-cookie') ?? '')![1]!;
		expect(await ok.json()).toMatchObject({ user: { email, name: 'Núria' }, accountId: acme, accounts: [expect.objectContaining({ id: acme, role: 'member' })] });
		// The session works, the password signs in, Acme is in the new person's scope.
		expect((await server.call('/api/auth/me', { token: session })).status).toBe(200);
		const again = await server.login(email, STRONG);
		const { changes, last } = await server.pullAll(again, crypto.randomUUID(), null);
		expect(last.scope).toContain(acme);
		expect(puts(changes, 'memberships')).toContainEqual(expect.objectContaining({ accountId: acme, email, role: 'member' }));
		const journal = await server.db.selectFrom('activity').select('details').where('account_id', '=', acme).where('action', '=', 'user.invite.accept').execute();
		expect(journal.map((j) => j.details)).toContainEqual(expect.objectContaining({ email, newUser: true }));
	});

	it('works once', async () => {
		const email = 'once@acme.test';
		await invite(acmeAdmin, acme, email);
		const token = await linkToken(email);
		const results = await Promise.all([accept(token, { name: 'One', password: STRONG }), accept(token, { name: 'Two', password: STRONG })]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
		expect((await open(token)).status).toBe(409);
		const memberships = await server.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select('users.name').where('users.email', '=', email).execute();
		expect(memberships).toHaveLength(1);
	});

	it('stops working when it expires or is revoked', async () => {
		const late = 'late@acme.test';
		const { invitationId } = await invite(acmeAdmin, acme, late);
		await server.db.updateTable('invitations').set({ expires_at: sql<Date>`now() - interval '1 minute'` }).where('id', '=', invitationId).execute();
		const expired = await accept(await linkToken(late), { name: 'Late', password: STRONG });
		expect(expired.status).toBe(410);
		expect((await expired.json()).error.code).toBe('invitation_expired');
		// Expired, it no longer blocks a new invitation of the same person.
		expect((await invite(acmeAdmin, acme, late)).result).toMatchObject({ status: 'applied' });

		const withdrawn = 'withdrawn@acme.test';
		const second = await invite(acmeAdmin, acme, withdrawn);
		const revoke = await server.push(acmeAdmin, crypto.randomUUID(), [op(1, 'invitation.revoke', { invitationId: second.invitationId, accountId: acme })]);
		expect(revoke.body.results[0]).toMatchObject({ status: 'applied' });
		expect((await (await accept(await linkToken(withdrawn), { name: 'W', password: STRONG })).json()).error.code).toBe('invitation_expired');
		// Revoking from another account reads as out of scope; revoking twice as unknown.
		expect((await server.push(globexAdmin, crypto.randomUUID(), [op(1, 'invitation.revoke', { invitationId: second.invitationId, accountId: acme })])).body.results[0]).toMatchObject({ code: 'account_not_in_scope' });
		expect((await server.push(acmeAdmin, crypto.randomUUID(), [op(1, 'invitation.revoke', { invitationId: second.invitationId, accountId: acme })])).body.results[0]).toMatchObject({ code: 'invitation_unknown' });
	});

	it('an existing user accepts signed in as the invited email, into an additional membership; someone else cannot', async () => {
		// Northwind's admin is invited into Acme after the vendor approves northwind.test for Acme.
		const vendor = await server.login('vendor@keyfield.test');
		expect((await server.call(`/api/admin/accounts/${acme}/domains`, { token: vendor, body: { domain: 'northwind.test' } })).status).toBe(201);
		const email = 'partner@northwind.test';
		expect((await invite(acmeAdmin, acme, email, 'technician')).result).toMatchObject({ status: 'applied' });
		const token = await linkToken(email);
		expect(await (await open(token)).json()).toMatchObject({ existingUser: true });

		const signedOut = await accept(token, { name: 'X', password: STRONG });
		expect(signedOut.status).toBe(403);
		expect((await signedOut.json()).error).toMatchObject({ code: 'invitation_other_user', details: { email } });
		const wrongUser = await accept(token, {}, { session: globexAdmin });
		expect((await wrongUser.json()).error.code).toBe('invitation_other_user');

		const partner = await server.login(email);
		const ok = await accept(token, {}, { session: partner });
		expect(ok.status).toBe(200);
		expect(ok.headers.get('set-cookie')).toBeNull(); // their own session goes on
		const body = await ok.json();
		expect(body.accounts).toContainEqual(expect.objectContaining({ id: acme, role: 'technician' }));
		expect(body.accounts).toContainEqual(expect.objectContaining({ name: 'Northwind Partners', role: 'admin' }));
	});

	it('limits guessing per address: after the limit even a real link waits, with Retry-After; other addresses are not affected', async () => {
		const email = 'guessed@acme.test';
		await invite(acmeAdmin, acme, email);
		const token = await linkToken(email);
		const ip = freshIp();
		for (let i = 0; i < MAX_FAILURES; i++) expect((await open(`${'A'.repeat(42)}${i}`, ip)).status).toBe(404);
		const limited = await open(token, ip);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await limited.json()).error.code).toBe('rate_limited');
		expect((await accept(token, { name: 'G', password: STRONG }, { ip })).status).toBe(429);
		expect((await open(token)).status).toBe(200);
	});

	it('answers a malformed link as not working, never 5xx', async () => {
		for (const bad of ['x', '%00', 'a'.repeat(300), '..%2F..%2Fetc']) {
			const res = await open(bad);
			expect(res.status, bad).toBe(404);
			expect((await res.json()).error.code).toBe('invitation_invalid');
		}
	});
});
