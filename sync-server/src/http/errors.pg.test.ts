// Anything a client can send gets a 4xx with the one error shape, never a 5xx.
import { ErrorBody, PROTOCOL_VERSION, SCHEMA_VERSION } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { connectPostgres } from '../db/connect.ts';
import { PokeHub } from '../sync/pokes.ts';
import { startTestServer, type Call, type TestServer } from '../test/harness.ts';

let server: TestServer;
let tech: string;

beforeAll(async () => {
	server = await startTestServer();
	tech = await server.login('tech@acme.test');
});
afterAll(() => server?.close());

const versions = { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION };

async function expectError(path: string, call: Call, status: number, code: string) {
	const res = await server.call(path, call);
	const body = await res.json();
	expect(res.status, JSON.stringify(body)).toBe(status);
	expect(ErrorBody.parse(body).error.code).toBe(code);
	return body as ErrorBody;
}

describe('malformed requests', () => {
	it.each([
		['push', '/api/sync/push'],
		['pull', '/api/sync/pull'],
		['login', '/api/auth/login'],
		['vendor API', '/api/admin/accounts']
	])('%s: bad JSON -> 400 invalid_json', async (_, path) => {
		const token = path.startsWith('/api/admin') ? await server.login('vendor@keyfield.test') : tech;
		await expectError(path, { token, rawBody: '{"protocolVersion": 1,', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json');
	});

	it('wrong types -> 400 validation_failed with the issues', async () => {
		const body = await expectError('/api/sync/push', { token: tech, body: { ...versions, clientId: 42, mutations: 'lots' } }, 400, 'validation_failed');
		const paths = (body.error.details.issues as { path: string[] }[]).map((i) => i.path.join('.'));
		expect(paths).toEqual(expect.arrayContaining(['clientId', 'mutations']));
		await expectError('/api/sync/push', { token: tech, body: [] }, 400, 'validation_failed');
		await expectError('/api/sync/push', { token: tech, body: null }, 400, 'validation_failed');
		await expectError('/api/sync/pull', { token: tech, body: { ...versions, clientId: crypto.randomUUID(), cursor: 7 } }, 400, 'validation_failed');
		await expectError('/api/sync/push', { token: tech, body: { ...versions, clientId: crypto.randomUUID(), mutations: [{ id: -1, name: 'x', args: {}, createdAt: 'yesterday' }] } }, 400, 'validation_failed');
		const twice = { id: 1, name: 'license.requestKey', args: {}, createdAt: new Date().toISOString() };
		await expectError('/api/sync/push', { token: tech, body: { ...versions, clientId: crypto.randomUUID(), mutations: [twice, twice] } }, 400, 'validation_failed');
	});

	it('huge strings -> 400, a 2 MB body -> 413 payload_too_large', async () => {
		await expectError('/api/sync/pull', { token: tech, body: { ...versions, clientId: crypto.randomUUID(), cursor: 'c'.repeat(600_000) } }, 400, 'validation_failed');
		await expectError('/api/auth/login', { body: { email: 'a'.repeat(900_000), password: 'x' } }, 400, 'validation_failed');
		const twoMb = JSON.stringify({ ...versions, clientId: crypto.randomUUID(), mutations: [{ id: 1, name: 'license.requestKey', args: { pad: 'x'.repeat(2 * 1024 * 1024) }, createdAt: new Date().toISOString() }] });
		await expectError('/api/sync/push', { token: tech, rawBody: twoMb, headers: { 'content-type': 'application/json' } }, 413, 'payload_too_large');
	});

	it('a 2 MB body without Content-Length (streamed) -> 413 too', async () => {
		const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent >= 32) return controller.close();
				sent++;
				controller.enqueue(chunk);
			}
		});
		const res = await server.app.request('/api/sync/push', { method: 'POST', body: stream, headers: { authorization: `Bearer ${tech}` }, duplex: 'half' } as RequestInit);
		expect(res.status).toBe(413);
		expect(ErrorBody.parse(await res.json()).error.code).toBe('payload_too_large');
	});

	it('a bad cursor -> 400 bad_request; an unknown one restarts from zero', async () => {
		await expectError('/api/sync/pull', { token: tech, body: { ...versions, clientId: crypto.randomUUID(), cursor: 'garbage' } }, 400, 'bad_request');
		const clientId = crypto.randomUUID();
		const fresh = await server.pull(tech, clientId, null);
		const unknown = await server.pull(tech, clientId, `v1.${crypto.randomUUID()}`);
		expect(unknown.changes).toEqual(fresh.changes);
	});

	it('unknown /api routes and methods -> 404 JSON; bad ids -> 400', async () => {
		await expectError('/api/nope', {}, 404, 'not_found');
		await expectError('/api/sync/push', { method: 'GET', token: tech }, 404, 'not_found');
		const vendor = await server.login('vendor@keyfield.test');
		await expectError('/api/admin/delegations/not-a-uuid', { method: 'DELETE', token: vendor }, 400, 'validation_failed');
		await expectError(`/api/admin/delegations/${crypto.randomUUID()}`, { method: 'DELETE', token: vendor }, 404, 'not_found');
	});

	it('garbage credentials -> 401, never 500', async () => {
		await expectError('/api/auth/me', { headers: { authorization: 'Bearer ' + 'z'.repeat(5000) } }, 401, 'unauthorized');
		await expectError('/api/auth/me', { headers: { cookie: 'kf_session=%%%' } }, 401, 'unauthorized');
	});
});

describe('database down', () => {
	it('answers 503 unavailable with Retry-After when the database cannot be reached', async () => {
		const handle = connectPostgres('postgres://postgres@127.0.0.1:1/nowhere');
		const app = createApp({ db: handle.db, signer: server.signer, pokes: await PokeHub.start({ listen: async () => async () => {} }), webDir: null });
		const health = await app.request('/api/health');
		expect(health.status).toBe(503);
		expect(health.headers.get('retry-after')).toBe('5');
		expect(ErrorBody.parse(await health.json()).error.code).toBe('unavailable');
		const login = await app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'a@b.test', password: 'x' }) });
		expect(login.status).toBe(503);
		await handle.close();
	});
});
