// CSRF: a write carrying the session cookie is taken only from the app's own origin; token callers and reads pass.
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let token: string;

beforeAll(async () => {
	server = await startTestServer();
	token = await server.login('tech@acme.test');
});
afterAll(() => server?.close());

const pull = { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId: crypto.randomUUID(), cursor: null };
const withCookie = (headers: Record<string, string>) => ({ cookie: `kf_session=${token}`, ...headers });

describe('same-origin writes', () => {
	it("refuses a cookie-carrying write from another site's page, by Origin or by Sec-Fetch-Site", async () => {
		for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'http://localhost.evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
			const res = await server.call('/api/sync/pull', { body: pull, headers: withCookie(headers) });
			expect(res.status, JSON.stringify(headers)).toBe(403);
			expect(await res.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringMatching(/another site/) } });
		}
		// Signing in is a write too: another site cannot sign a browser into an account of its choosing.
		expect((await server.call('/api/auth/logout', { method: 'POST', headers: withCookie({ origin: 'https://evil.example' }) })).status).toBe(403);
	});

	it('takes the same write from the app itself, and reads and token callers from anywhere', async () => {
		expect((await server.call('/api/sync/pull', { body: pull, headers: withCookie({ origin: 'http://localhost' }) })).status).toBe(200);
		expect((await server.call('/api/sync/pull', { body: pull, headers: withCookie({ 'sec-fetch-site': 'same-origin' }) })).status).toBe(200);
		expect((await server.call('/api/auth/me', { headers: withCookie({ origin: 'https://evil.example' }) })).status).toBe(200);
		// No cookie: the credential is in the request itself, nothing ambient to abuse.
		expect((await server.call('/api/sync/pull', { body: pull, token, headers: { origin: 'https://evil.example' } })).status).toBe(200);
	});
});
