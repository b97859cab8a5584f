import { SessionInfo } from '@keyfield/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server?.close());

const login = (email: string, password: string, ip = '198.51.100.1') =>
	server.call('/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } });

describe('sign-in', () => {
	it('sets an HttpOnly SameSite=Lax session cookie and returns the session', async () => {
		const res = await login('  Admin@Acme.TEST ', 'keyfield-demo');
		expect(res.status).toBe(200);
		const cookie = res.headers.get('set-cookie')!;
		expect(cookie).toMatch(/^kf_session=[A-Za-z0-9_-]{43};/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		expect(cookie).not.toMatch(/Secure/);
		const session = SessionInfo.parse(await res.json());
		expect(session.user).toMatchObject({ email: 'admin@acme.test', vendor: false });
		expect(session.accounts).toEqual([expect.objectContaining({ name: 'Acme Field Services', kind: 'customer', role: 'admin' })]);
		// Only the hash of the token is stored.
		const token = /kf_session=([^;]+)/.exec(cookie)![1]!;
		const stored = await server.db.selectFrom('sessions').select('token_hash').execute();
		expect(stored.map((s) => s.token_hash)).not.toContain(token);
	});

	it('marks the cookie Secure on https', async () => {
		const res = await server.app.request('https://keyfield.example/api/auth/login', {
			method: 'POST',
			body: JSON.stringify({ email: 'tech@acme.test', password: 'keyfield-demo' })
		});
		expect(res.headers.get('set-cookie')).toMatch(/Secure/);
	});

	it('shows delegated accounts to the partner with role null, and flags the vendor', async () => {
		const partner = SessionInfo.parse(await (await login('partner@northwind.test', 'keyfield-demo')).json());
		expect(partner.accounts).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'Northwind Partners', role: 'admin' }),
				expect.objectContaining({ name: 'Acme Field Services', role: null })
			])
		);
		const vendor = SessionInfo.parse(await (await login('vendor@keyfield.test', 'keyfield-demo')).json());
		expect(vendor.user.vendor).toBe(true);
	});

	it('answers wrong credentials with 401 invalid_credentials, for unknown emails too', async () => {
		for (const [email, password] of [['admin@acme.test', 'wrong-password'], ['nobody@acme.test', 'keyfield-demo']] as const) {
			const res = await login(email, password, '198.51.100.2');
			expect(res.status).toBe(401);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
		}
	});

	it('works with the cookie and as a bearer token; logout ends the session', async () => {
		const token = await server.login('tech@acme.test');
		expect((await server.call('/api/auth/me', { headers: { cookie: `kf_session=${token}` } })).status).toBe(200);
		expect((await server.call('/api/auth/me', { token })).status).toBe(200);
		const out = await server.call('/api/auth/logout', { method: 'POST', token });
		expect(out.status).toBe(200);
		expect(await out.json()).toEqual({ ok: true });
		expect(out.headers.get('set-cookie')).toMatch(/kf_session=;.*Max-Age=0/);
		const after = await server.call('/api/auth/me', { token });
		expect(after.status).toBe(401);
		expect(((await after.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
	});

	it('rejects an expired session', async () => {
		const token = await server.login('tech@acme.test');
		await sql`update sessions set expires_at = now() - interval '1 minute'`.execute(server.db);
		expect((await server.call('/api/auth/me', { token })).status).toBe(401);
	});
});

describe('login rate limit', () => {
	it('blocks an email after 5 failures in a minute with 429 and Retry-After, even with the right password', async () => {
		for (let i = 0; i < 5; i++) {
			expect((await login('tech@acme.test', `wrong-${i}`, `192.0.2.${i}`)).status).toBe(401);
		}
		const blocked = await login('tech@acme.test', 'keyfield-demo', '192.0.2.99');
		expect(blocked.status).toBe(429);
		const retryAfter = Number(blocked.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

		// Once the failures are older than the window, sign-in works again.
		await sql`update login_failures set at = at - interval '2 minutes' where email = 'tech@acme.test'`.execute(server.db);
		expect((await login('tech@acme.test', 'keyfield-demo', '192.0.2.99')).status).toBe(200);
	});

	it('blocks an IP after 5 failures in a minute, whatever the email', async () => {
		const ip = '203.0.113.200';
		for (let i = 0; i < 5; i++) expect((await login(`guess${i}@acme.test`, 'nope', ip)).status).toBe(401);
		const blocked = await login('admin@globex.test', 'keyfield-demo', ip);
		expect(blocked.status).toBe(429);
		expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
		expect((await login('admin@globex.test', 'keyfield-demo', '203.0.113.201')).status).toBe(200);
	});

	it('holds against parallel guesses: at most 5 passwords are checked, the rest get 429', async () => {
		const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => login('admin@acme.test', `parallel-${i}`, `198.18.0.${i}`)));
		const statuses = guesses.map((r) => r.status);
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
		expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
	});
});
