// The web session (sign-in, restore, expiry, sign-out, switching users) against the real auth endpoints.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getMeta } from '../../web/src/lib/db/meta.ts';
import { enqueue } from '../../web/src/lib/ops/enqueue.ts';
import { meRequest } from '../../web/src/lib/session/auth-api.ts';
import { Session, type SessionEvent } from '../../web/src/lib/session/session.svelte.ts';
import type { Fetch } from '../../web/src/lib/sync/api.ts';
import { endSessionElsewhere, newDevice, registration, testEngine, type Device } from './support/device.ts';
import { DEMO_PASSWORD, RealServer, type Workspace } from './support/server.ts';

let server: RealServer;
let device: Device;
let ws: Workspace;
let online: boolean;

beforeAll(async () => {
	server = await RealServer.start();
});
afterAll(() => server?.close());
beforeEach(async () => {
	ws = await server.workspace();
	device = newDevice(server);
	online = true;
});
afterEach(() => device.db.close());

function newSession(fetch: Fetch = device.fetch): { session: Session; events: SessionEvent[] } {
	const session = new Session({ db: () => device.db, fetch, isOnline: () => online });
	const events: SessionEvent[] = [];
	session.onChange((event) => events.push(event));
	return { session, events };
}

describe('session', () => {
	it('signs in, picks the workspace, and announces it', async () => {
		const { session, events } = newSession();
		expect(await session.login(` ${ws.email.toUpperCase()} `, DEMO_PASSWORD)).toEqual({ ok: true });
		const user = { id: await server.userId(ws.email), email: ws.email, name: expect.any(String), vendor: false };
		expect(session).toMatchObject({ status: 'signed-in', user, currentAccountId: ws.accountId });
		expect(session.accounts.map((a) => a.id)).toEqual([ws.accountId]);
		expect(events).toEqual(['signed-in']);
		expect(await getMeta(device.db, 'user')).toEqual(session.user);
	});

	it('answers wrong credentials and rate limiting as data', async () => {
		const { session } = newSession();
		for (let i = 0; i < 5; i++) expect(await session.login(ws.email, 'wrong')).toMatchObject({ ok: false, code: 'invalid_credentials' });
		const limited = await session.login(ws.email, DEMO_PASSWORD);
		expect(limited).toEqual({ ok: false, code: 'rate_limited', message: expect.stringMatching(/Too many/), retryAfterSeconds: expect.any(Number) });
		expect(limited.ok === false && limited.retryAfterSeconds).toBeGreaterThan(0);
		expect(session.status).toBe('unknown');
	});

	it('restores from the device cache when offline after a reload', async () => {
		await newSession().session.login(ws.email, DEMO_PASSWORD);
		online = false;
		device.network.down = true;
		const { session } = newSession(); // a reload: a new instance over the same database
		await session.restore();
		expect(session).toMatchObject({ status: 'signed-in', user: { email: ws.email }, currentAccountId: ws.accountId });
	});

	it('restores as expired when the server no longer knows the session, keeping the data', async () => {
		await newSession().session.login(ws.email, DEMO_PASSWORD);
		await endSessionElsewhere(server, device);
		const { session, events } = newSession();
		await session.restore();
		expect(session.status).toBe('expired');
		expect(session.user).toMatchObject({ email: ws.email });
		expect(events).toEqual(['expired']);
	});

	it('is signed out at start on a fresh device', async () => {
		const { session } = newSession();
		await session.restore();
		expect(session.status).toBe('signed-out');
	});

	it('sign-out removes the server data but keeps the queue for its owner', async () => {
		const { session, events } = newSession();
		await session.login(ws.email, DEMO_PASSWORD);
		await testEngine(device).engine.sync();
		expect(await device.db.accounts.count()).toBeGreaterThanOrEqual(1);
		online = false; // sign out with no connection: the server is told later
		device.network.down = true;
		const serial = await server.freeSerial(ws.accountId);
		await enqueue('license.requestKey', { licenseId: crypto.randomUUID(), accountId: ws.accountId, serial, registration }, device.db);
		await session.logout();
		expect(session).toMatchObject({ status: 'signed-out', user: null, currentAccountId: null });
		expect(events).toEqual(['signed-in', 'signed-out']);
		for (const table of device.db.serverTables) expect(await table.count()).toBe(0);
		expect(await getMeta(device.db, 'cursor')).toBeUndefined();
		expect(await device.db.meta.get(`lastRegistration:${ws.accountId}`)).toBeUndefined();
		expect(await device.db.outbox.count()).toBe(1);
		expect(await getMeta(device.db, 'signOutPending')).toBe(true);
		expect((await meRequest(withCookie(device.cookie()))).ok).toBe(true); // the server still has the session

		online = true;
		device.network.down = false;
		await newSession().session.restore(); // back online: the pending sign-out reaches the server first
		expect(await getMeta(device.db, 'signOutPending')).toBeUndefined();
		expect(await meRequest(device.fetch)).toMatchObject({ ok: false, status: 401 });
	});

	it("another user's sign-in replaces the previous user's data", async () => {
		await newSession().session.login(ws.email, DEMO_PASSWORD);
		await testEngine(device).engine.sync();
		expect((await device.db.accounts.toArray()).map((a) => a.id)).toContain(ws.accountId);
		const other = await server.workspace('admin');
		const { session } = newSession();
		await session.login(other.email, DEMO_PASSWORD);
		expect(session.currentAccountId).toBe(other.accountId);
		expect(await device.db.accounts.count()).toBe(0);
		await testEngine(device).engine.sync();
		const ids = (await device.db.accounts.toArray()).map((a) => a.id);
		expect(ids).toContain(other.accountId);
		expect(ids).not.toContain(ws.accountId);
	});
});

/** Another fetch presenting a given cookie, as a second tab of the same profile would. */
function withCookie(cookie: string): Fetch {
	return (path, init = {}) => {
		const headers = new Headers(init.headers);
		headers.set('cookie', cookie);
		return fetch(server.url + path, { ...init, headers });
	};
}
