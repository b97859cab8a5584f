// 2-step verification and sessions through the HTTP API on a real database: enrolment, sign-in with a code (each
// code once), recovery codes (each once), the rate limit on codes, sessions listed and revoked, the journal check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createUser } from '../admin/admin.service.ts';
import { DEMO_PASSWORD } from '../seed/demo-seed.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { base32Decode, hotp, timeStep } from './totp.ts';

let server: TestServer;
let accountId: string;
const actor = { userId: null, ip: null };
const codeAt = (secret: string, offsetSteps = 0) => hotp(base32Decode(secret), timeStep(new Date()) + offsetSteps);

beforeAll(async () => {
	server = await startTestServer();
	accountId = (await createAccount(server.db, actor, { name: 'Security Co', kind: 'customer' })).id;
});
afterAll(() => server?.close());

async function newUser(name: string, role: 'admin' | 'member' = 'admin') {
	const email = `${name}@security.test`;
	await createUser(server.db, actor, { email, password: DEMO_PASSWORD, accountId, role });
	return { email, token: await server.login(email) };
}
// Each user's failed codes from an address of their own, so one test's failures do not rate limit the next.
let lastIp = 10;
const ownIp = () => ({ 'x-forwarded-for': `192.0.2.${lastIp++}` });
const login = (email: string, totp?: string, ip = '198.51.100.1') =>
	server.call('/api/auth/login', { body: { email, password: DEMO_PASSWORD, ...(totp === undefined ? {} : { totp }) }, headers: { 'x-forwarded-for': ip } });

async function enrol(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
	const headers = ownIp();
	const enrolment = (await (await server.call('/api/security/totp/enrol', { token, method: 'POST' })).json()) as { secret: string; uri: string };
	expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
	const wrong = await server.call('/api/security/totp/confirm', { token, headers, body: { code: '000000' === codeAt(enrolment.secret) ? '111111' : '000000' } });
	expect((await wrong.json()).error.code).toBe('totp_invalid');
	const confirmed = await server.call('/api/security/totp/confirm', { token, headers, body: { code: codeAt(enrolment.secret, -1) } });
	expect(confirmed.status).toBe(200);
	const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
	expect(recoveryCodes).toHaveLength(10);
	return { secret: enrolment.secret, recoveryCodes };
}

describe('2-step verification', () => {
	it('enrols, then sign-in asks for the code and takes each code once', async () => {
		const { email, token } = await newUser('ana');
		const { secret } = await enrol(token);
		expect(await (await server.call('/api/security/totp', { token })).json()).toEqual({ enabled: true, enrolling: false, recoveryCodesLeft: 10 });

		const asked = await login(email);
		expect(asked.status).toBe(401);
		expect((await asked.json()).error.code).toBe('totp_required');
		const code = codeAt(secret);
		expect((await login(email, code)).status).toBe(200);
		const replayed = await login(email, code);
		expect((await replayed.json()).error.code).toBe('totp_invalid');
	});

	it('takes a recovery code once, in any case and with or without its dash', async () => {
		const { email, token } = await newUser('bo');
		const { recoveryCodes } = await enrol(token);
		const [first] = recoveryCodes;
		expect((await login(email, first!.toUpperCase().replace('-', ''))).status).toBe(200);
		expect((await (await login(email, first)).json()).error.code).toBe('totp_invalid');
		expect(await (await server.call('/api/security/totp', { token })).json()).toMatchObject({ recoveryCodesLeft: 9 });
	});

	it('rate limits code guessing with the sign-in limit', async () => {
		const { email, token } = await newUser('cy');
		await enrol(token);
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await login(email, `99999${i}`, '198.51.100.9')).status);
		// The wrong code typed while enrolling was the first failure of this email within the minute.
		expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
	});

	it('switches off only with a valid code', async () => {
		const { email, token } = await newUser('di');
		const { secret } = await enrol(token);
		const headers = ownIp();
		expect((await server.call('/api/security/totp/disable', { token, headers, body: { code: '12345' } })).status).toBe(400);
		expect((await server.call('/api/security/totp/disable', { token, headers, body: { code: codeAt(secret, 1) } })).status).toBe(200);
		expect((await login(email)).status).toBe(200);
	});
});

describe('sessions', () => {
	it('lists the devices and signs out the others; a revoked token is refused', async () => {
		const { email, token: first } = await newUser('ed', 'member');
		const second = await server.login(email);
		const list = (await (await server.call('/api/security/sessions', { token: second })).json()) as { sessions: { id: string; current: boolean }[] };
		expect(list.sessions).toHaveLength(2);
		expect(list.sessions.filter((s) => s.current)).toHaveLength(1);
		expect(await (await server.call('/api/security/sessions/revoke-others', { token: second, method: 'POST' })).json()).toEqual({ ended: 1 });
		expect((await server.call('/api/auth/me', { token: first })).status).toBe(401);
		expect((await server.call('/api/auth/me', { token: second })).status).toBe(200);
	});

	it("revokes one session by id, never another user's", async () => {
		const { email, token } = await newUser('fa', 'member');
		const other = await newUser('gu', 'member');
		const mine = (await (await server.call('/api/security/sessions', { token })).json()) as { sessions: { id: string }[] };
		const theirs = (await (await server.call('/api/security/sessions', { token: other.token })).json()) as { sessions: { id: string }[] };
		expect((await server.call(`/api/security/sessions/${theirs.sessions[0]!.id}`, { token, method: 'DELETE' })).status).toBe(404);
		expect((await server.call('/api/auth/me', { token: other.token })).status).toBe(200);
		const spare = await server.login(email);
		const spareId = (await (await server.call('/api/security/sessions', { token: spare })).json()).sessions.find((s: { current: boolean }) => s.current).id;
		expect(mine.sessions).toHaveLength(1);
		expect((await server.call(`/api/security/sessions/${spareId}`, { token, method: 'DELETE' })).status).toBe(200);
		expect((await server.call('/api/auth/me', { token: spare })).status).toBe(401);
	});
});

describe('journal check', () => {
	it('lets an admin check their account and refuses a member', async () => {
		const admin = await newUser('ha');
		const member = await newUser('io', 'member');
		const check = await server.call(`/api/security/journal/verify?accountId=${accountId}`, { token: admin.token });
		expect(await check.json()).toMatchObject({ ok: true });
		expect((await server.call(`/api/security/journal/verify?accountId=${accountId}`, { token: member.token })).status).toBe(403);
		expect((await server.call('/api/security/journal/verify', { token: admin.token })).status).toBe(403);
		const vendor = await server.login('vendor@keyfield.test');
		expect(await (await server.call('/api/security/journal/verify', { token: vendor })).json()).toMatchObject({ ok: true });
	});

	it('lists the journal filtered by user, type and day, and exports it as CSV, for admins only', async () => {
		const admin = await newUser('ja');
		const member = await newUser('ka', 'member');
		const all = (await (await server.call(`/api/security/journal?accountId=${accountId}`, { token: admin.token })).json()) as { entries: { action: string; user: string | null }[] };
		expect(all.entries.map((e) => e.action)).toContain('admin.user.create');
		// A user added with the admin as the actor: filtering by the admin's email finds exactly that row.
		const { id: adminId } = await server.db.selectFrom('users').select('id').where('email', '=', admin.email).executeTakeFirstOrThrow();
		await createUser(server.db, { userId: adminId, ip: null }, { email: 'la@security.test', password: DEMO_PASSWORD, accountId, role: 'member' });
		const filtered = (await (await server.call(`/api/security/journal?accountId=${accountId}&action=admin.user&user=JA%40`, { token: admin.token })).json()) as typeof all;
		expect(filtered.entries).toEqual([expect.objectContaining({ action: 'admin.user.create', user: admin.email })]);
		const today = new Date().toISOString().slice(0, 10);
		const byDay = (await (await server.call(`/api/security/journal?accountId=${accountId}&action=admin.user.&from=${today}&to=${today}`, { token: admin.token })).json()) as typeof all;
		expect(byDay.entries.length).toBeGreaterThanOrEqual(2);
		expect((await server.call(`/api/security/journal?accountId=${accountId}&from=${today}&to=${'2020-01-01'}`, { token: admin.token })).status).toBe(200);
		const csv = await server.call(`/api/security/journal?accountId=${accountId}&format=csv`, { token: admin.token });
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const text = await csv.text();
		expect(text.split('\r\n')[0]).toBe('id,at,user,action,details,ip,client_id,mutation_id');
		expect(text).toContain('admin.user.create');
		expect((await server.call(`/api/security/journal?accountId=${accountId}`, { token: member.token })).status).toBe(403);
		expect((await server.call(`/api/security/journal?accountId=${accountId}&from=yesterday`, { token: admin.token })).status).toBe(400);
	});
});
