// Live pokes over SSE, in one app and across two apps (two pools, two LISTEN connections) on one database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type DbHandle } from '../db/connect.ts';
import { onPostgres, requestKey, startApp, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let tech: string;
let admin: string;
let acme: string;

beforeAll(async () => {
	server = await startTestServer();
	tech = await server.login('tech@acme.test');
	admin = await server.login('admin@acme.test');
	acme = await server.accountId(tech, 'Acme Field Services');
});
afterAll(() => server?.close());

/** Reads an SSE response as text chunks; `next(pattern, ms)` waits for the pattern or reports false on timeout. */
function sse(res: Response) {
	const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	// A read that outlived a timeout is kept for the next call, so no chunk is ever dropped.
	let pending: Promise<ReadableStreamReadResult<string>> | null = null;
	return {
		async next(pattern: RegExp, ms: number): Promise<boolean> {
			const deadline = Date.now() + ms;
			while (!pattern.test(buffer)) {
				const left = deadline - Date.now();
				if (left <= 0) return false;
				pending ??= reader.read();
				const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), left))]);
				if (chunk === null) return false;
				pending = null;
				if (chunk.done) return false;
				buffer += chunk.value;
			}
			buffer = buffer.replace(pattern, '');
			return true;
		},
		close: () => reader.cancel()
	};
}

async function openEvents(app: { request: typeof server.app.request }, token: string) {
	const res = await app.request('/api/sync/events', { headers: { authorization: `Bearer ${token}` } });
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
	const stream = sse(res);
	expect(await stream.next(/: connected\n\n/, 2000)).toBe(true);
	return stream;
}

const POKE = /event: poke\ndata: \{\}\n\n/;

describe('SSE pokes', () => {
	it('pokes when an account in scope changes, and not for other accounts', async () => {
		const globexAdmin = await server.login('admin@globex.test');
		const globex = await server.accountId(globexAdmin, 'Globex Industrial');
		const events = await openEvents(server.app, tech);
		await server.push(globexAdmin, crypto.randomUUID(), [requestKey(1, { accountId: globex, serial: server.serials('Globex Industrial')[0]! })]);
		expect(await events.next(POKE, 300)).toBe(false);
		await server.push(admin, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: server.serials('Acme Field Services')[0]! })]);
		expect(await events.next(POKE, 2000)).toBe(true);
		expect(server.pokes.subscribers).toBe(1);
		await events.close();
		// A closed stream unsubscribes: no listener leaks per disconnected device.
		await expect.poll(() => server.pokes.subscribers).toBe(0);
	});

	it('does not poke for a rejected mutation (nothing committed)', async () => {
		const events = await openEvents(server.app, tech);
		const { body } = await server.push(admin, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: 'S-00000-00000-00000-00000' })]);
		expect(body.results[0]!.status).toBe('rejected');
		expect(await events.next(POKE, 300)).toBe(false);
		await events.close();
	});

	it("pokes a partner's stream when a customer is delegated to it, then follows that account", async () => {
		const partner = await server.login('partner@northwind.test');
		const northwind = await server.accountId(partner, 'Northwind Partners');
		const vendor = await server.login('vendor@keyfield.test');
		const { id: customer } = (await (await server.call('/api/admin/accounts', { token: vendor, body: { name: 'Initech', kind: 'customer' } })).json()) as { id: string };
		const events = await openEvents(server.app, partner);
		await server.call('/api/admin/delegations', { token: vendor, body: { customerAccountId: customer, partnerAccountId: northwind } });
		expect(await events.next(POKE, 2000)).toBe(true);
		// The stream re-read its scope after that poke: changes in the new account now reach it.
		await server.call('/api/admin/certificates', { token: vendor, body: { accountId: customer, sku: 'KF-EDGE', quantity: 1, maintenanceEnd: '2030-01-01', serialCount: 1 } });
		await server.call('/api/admin/users', { token: vendor, body: { email: 'boss@initech.test', password: 'initech-pass', accountId: customer, role: 'admin' } });
		expect(await events.next(POKE, 2000)).toBe(true);
		await events.close();
	});

	it('delivers a push through one app to a stream on another app on the same database', async () => {
		const second: DbHandle = onPostgres ? connectPostgres(server.testDb.url!) : server.testDb.handle;
		const other = await startApp(second, server.signer);
		try {
			const events = await openEvents(other.app, tech);
			const started = Date.now();
			await server.push(admin, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: server.serials('Acme Field Services')[1]! })]);
			expect(await events.next(POKE, 2000)).toBe(true);
			expect(Date.now() - started).toBeLessThan(1000);
			await events.close();
		} finally {
			await other.pokes.close();
			if (second !== server.testDb.handle) await second.close();
		}
	});
});
