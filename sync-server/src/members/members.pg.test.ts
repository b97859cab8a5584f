// Approving email domains (the DNS proof through an injected fake verifier, and the vendor API) and managing
// members (roles, removal, the last admin), against a real database.
import { txtRecordValue, type Change } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../admin/admin.service.ts';
import { DEMO_PASSWORD } from '../seed/demo-seed.ts';
import { FakeDomainVerifier } from '../test/fake-domain-verifier.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

const dns = new FakeDomainVerifier();
let server: TestServer;
let globexAdmin: string;
let globex: string;
const system = { userId: null, ip: null };

const op = (id: number, name: string, args: Record<string, unknown>) => ({ id, name, args, createdAt: new Date().toISOString() });
const puts = (changes: Change[], table: string) => changes.filter((c) => c.op === 'put' && c.table === table).map((c) => (c as { row: Record<string, unknown> }).row);
const run = async (token: string, name: string, args: Record<string, unknown>) => (await server.push(token, crypto.randomUUID(), [op(1, name, args)])).body.results[0]!;

beforeAll(async () => {
	server = await startTestServer({ domainVerifier: dns });
	globexAdmin = await server.login('admin@globex.test');
	globex = await server.accountId(globexAdmin, 'Globex Industrial');
});
afterAll(() => server?.close());

describe('domain.approve', () => {
	it('records the domain as pending with the TXT record to create, approves it once the record holds the token, then invites work', async () => {
		const domainId = crypto.randomUUID();
		const first = await run(globexAdmin, 'domain.approve', { domainId, accountId: globex, domain: 'Globex.Test ' });
		expect(first).toMatchObject({ status: 'applied', result: { domainId, status: 'pending', txtName: '_keyfield-challenge.globex.test' } });
		const txtValue = (first.result as { txtValue: string }).txtValue;
		expect(txtValue).toMatch(/^keyfield-verification=[0-9a-f]{32}$/);

		// Not published yet: still pending, and the check is recorded.
		const early = await run(globexAdmin, 'domain.approve', { domainId: crypto.randomUUID(), accountId: globex, domain: 'globex.test' });
		expect(early).toMatchObject({ status: 'applied', result: { domainId, status: 'pending' } });
		expect((await run(globexAdmin, 'user.invite', { invitationId: crypto.randomUUID(), accountId: globex, email: 'a@globex.test', role: 'member' })).code).toBe('domain_not_approved');

		// A record with another token proves nothing; the right one approves.
		dns.publish('globex.test', txtRecordValue('0'.repeat(32)));
		expect((await run(globexAdmin, 'domain.approve', { domainId, accountId: globex, domain: 'globex.test' })).result).toMatchObject({ status: 'pending' });
		dns.publish('globex.test', txtValue);
		expect((await run(globexAdmin, 'domain.approve', { domainId, accountId: globex, domain: 'globex.test' })).result).toMatchObject({ status: 'approved' });

		const { changes } = await server.pullAll(globexAdmin, crypto.randomUUID(), null);
		expect(puts(changes, 'approved_domains')).toContainEqual(expect.objectContaining({ id: domainId, domain: 'globex.test', status: 'approved', method: 'dns', txtValue }));
		expect((await run(globexAdmin, 'user.invite', { invitationId: crypto.randomUUID(), accountId: globex, email: 'a@globex.test', role: 'member' })).status).toBe('applied');
		const journal = await server.db.selectFrom('activity').select('action').where('account_id', '=', globex).where('action', 'like', 'domain.%').orderBy('id').execute();
		expect(journal.map((j) => j.action)).toEqual(['domain.request', 'domain.check', 'domain.check', 'domain.approve']);
	});

	it('refuses what is not a domain, and non-admins', async () => {
		for (const domain of ['localhost', 'bad domain.com', '-x.com', 'a..b']) {
			expect((await run(globexAdmin, 'domain.approve', { domainId: crypto.randomUUID(), accountId: globex, domain })).code, domain).toBe('invalid_args');
		}
		await createUser(server.db, system, { email: 'member@globex.test', password: DEMO_PASSWORD, accountId: globex, role: 'member' });
		const member = await server.login('member@globex.test');
		expect((await run(member, 'domain.approve', { domainId: crypto.randomUUID(), accountId: globex, domain: 'globex.example' })).code).toBe('not_allowed');
	});
});

describe('vendor domain approval (POST /api/admin/accounts/:id/domains)', () => {
	it('approves without the proof, once; the account devices pull it; only vendors', async () => {
		const vendor = await server.login('vendor@keyfield.test');
		const first = await server.call(`/api/admin/accounts/${globex}/domains`, { token: vendor, body: { domain: 'globex-industrial.test' } });
		expect(first.status).toBe(201);
		const { id } = await first.json();
		const again = await server.call(`/api/admin/accounts/${globex}/domains`, { token: vendor, body: { domain: 'GLOBEX-industrial.test' } });
		expect(await again.json()).toEqual({ id, domain: 'globex-industrial.test', status: 'approved' });
		const { changes } = await server.pullAll(globexAdmin, crypto.randomUUID(), null);
		expect(puts(changes, 'approved_domains')).toContainEqual(expect.objectContaining({ id, status: 'approved', method: 'vendor' }));

		expect((await server.call(`/api/admin/accounts/${globex}/domains`, { token: globexAdmin, body: { domain: 'x.test' } })).status).toBe(403);
		expect((await server.call(`/api/admin/accounts/${crypto.randomUUID()}/domains`, { token: vendor, body: { domain: 'x.test' } })).status).toBe(404);
		expect((await server.call(`/api/admin/accounts/${globex}/domains`, { token: vendor, body: { domain: 'not a domain' } })).status).toBe(400);
	});
});

describe('member.setRole and user.remove', () => {
	it('changes roles; never demotes or removes the last admin; removal takes the account off the person\'s devices', async () => {
		const { id: techId } = await createUser(server.db, system, { email: 'tech2@globex.test', password: DEMO_PASSWORD, accountId: globex, role: 'technician' });
		const adminId = (await server.db.selectFrom('users').select('id').where('email', '=', 'admin@globex.test').executeTakeFirstOrThrow()).id;

		expect(await run(globexAdmin, 'member.setRole', { accountId: globex, userId: adminId, role: 'member' })).toMatchObject({ status: 'rejected', code: 'last_admin' });
		expect(await run(globexAdmin, 'user.remove', { accountId: globex, userId: adminId })).toMatchObject({ status: 'rejected', code: 'last_admin' });
		expect(await run(globexAdmin, 'member.setRole', { accountId: globex, userId: crypto.randomUUID(), role: 'member' })).toMatchObject({ code: 'member_unknown' });

		expect(await run(globexAdmin, 'member.setRole', { accountId: globex, userId: techId, role: 'admin' })).toMatchObject({ status: 'applied' });
		// Two admins now: the first may step down, and the new one remove them.
		expect(await run(globexAdmin, 'member.setRole', { accountId: globex, userId: adminId, role: 'technician' })).toMatchObject({ status: 'applied' });
		expect(await run(globexAdmin, 'member.setRole', { accountId: globex, userId: techId, role: 'member' })).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		const tech2 = await server.login('tech2@globex.test');
		expect(await run(tech2, 'member.setRole', { accountId: globex, userId: techId, role: 'member' })).toMatchObject({ code: 'last_admin' });

		const clientId = crypto.randomUUID();
		const before = await server.pullAll(globexAdmin, clientId, null);
		expect(before.last.scope).toContain(globex);
		expect(await run(tech2, 'user.remove', { accountId: globex, userId: adminId })).toMatchObject({ status: 'applied' });
		const after = await server.pullAll(globexAdmin, clientId, before.last.cursor);
		expect(after.last.scope).not.toContain(globex);
		const { changes } = await server.pullAll(tech2, crypto.randomUUID(), null);
		expect(puts(changes, 'memberships').map((m) => m.email)).not.toContain('admin@globex.test');
		const journal = await server.db.selectFrom('activity').select(['action', 'details']).where('account_id', '=', globex).where('action', 'in', ['member.setRole', 'user.remove']).orderBy('id').execute();
		expect(journal.map((j) => j.action)).toEqual(['member.setRole', 'member.setRole', 'user.remove']);
	});

	it('two admins demoting each other at once: one wins, the account keeps an admin', async () => {
		const account = (await server.db.selectFrom('accounts').select('id').where('name', '=', 'Acme Field Services').executeTakeFirstOrThrow()).id;
		const { id: second } = await createUser(server.db, system, { email: 'second-admin@acme.test', password: DEMO_PASSWORD, accountId: account, role: 'admin' });
		const first = (await server.db.selectFrom('users').select('id').where('email', '=', 'admin@acme.test').executeTakeFirstOrThrow()).id;
		const [a, b] = await Promise.all([server.login('admin@acme.test'), server.login('second-admin@acme.test')]);
		const results = await Promise.all([
			run(a, 'member.setRole', { accountId: account, userId: second, role: 'member' }),
			run(b, 'member.setRole', { accountId: account, userId: first, role: 'member' })
		]);
		const admins = await server.db.selectFrom('memberships').select('user_id').where('account_id', '=', account).where('role', '=', 'admin').execute();
		expect(admins).toHaveLength(1);
		expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
	});
});
