import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyfieldDb } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';
import { enqueue } from '../ops/enqueue.ts';
import type { Fetch } from '../sync/api.ts';
import { error, type FakeServer } from '../sync/testing/fake-server.ts';
import { ACME, browserFetch, freeSerial, GLOBEX, GLOBEX_ADMIN, PASSWORD, registration, seededServer, TECH, testDb, testEngine } from '../sync/testing/fixtures.ts';
import { Session, type SessionEvent } from './session.svelte.ts';

let server: FakeServer;
let db: KeyfieldDb;
let fetch: Fetch;
let online: boolean;

beforeEach(async () => {
	server = await seededServer();
	db = testDb();
	fetch = browserFetch(server);
	online = true;
});
afterEach(() => server.stop());

function newSession(): { session: Session; events: SessionEvent[] } {
	const session = new Session({ db: () => db, fetch, isOnline: () => online });
	const events: SessionEvent[] = [];
	session.onChange((event) => events.push(event));
	return { session, events };
}

describe('session', () => {
	it('signs in, picks the workspace, and announces it', async () => {
		const { session, events } = newSession();
		expect(await session.login(' Tech@Acme.test ', PASSWORD)).toEqual({ ok: true });
		expect(session).toMatchObject({ status: 'signed-in', user: TECH, currentAccountId: ACME });
		expect(session.accounts.map((a) => a.id)).toEqual([ACME]);
		expect(events).toEqual(['signed-in']);
		expect(await getMeta(db, 'user')).toEqual(TECH);
	});

	it('answers wrong credentials and rate limiting as data', async () => {
		const { session } = newSession();
		expect(await session.login(TECH.email, 'wrong')).toMatchObject({ ok: false, code: 'invalid_credentials' });
		server.intercept = () => ({ ...error(429, 'rate_limited', 'Too many attempts.'), headers: { 'retry-after': '42' } });
		expect(await session.login(TECH.email, PASSWORD)).toEqual({ ok: false, code: 'rate_limited', message: 'Too many attempts.', retryAfterSeconds: 42 });
		expect(session.status).toBe('unknown');
	});

	it('restores from the device cache when offline after a reload', async () => {
		await newSession().session.login(TECH.email, PASSWORD);
		online = false;
		await server.stop();
		const { session } = newSession(); // a reload: a new instance over the same database
		await session.restore();
		expect(session).toMatchObject({ status: 'signed-in', user: TECH, currentAccountId: ACME });
	});

	it('restores as expired when the server no longer knows the session, keeping the data', async () => {
		await newSession().session.login(TECH.email, PASSWORD);
		fetch = browserFetch(server); // the cookie is gone
		const { session, events } = newSession();
		await session.restore();
		expect(session.status).toBe('expired');
		expect(session.user).toEqual(TECH);
		expect(events).toEqual(['expired']);
	});

	it('is signed out at start on a fresh device', async () => {
		const { session } = newSession();
		await session.restore();
		expect(session.status).toBe('signed-out');
	});

	it('sign-out removes the server data but keeps the queue for its owner', async () => {
		const { session, events } = newSession();
		await session.login(TECH.email, PASSWORD);
		await testEngine(db, fetch).engine.sync();
		expect(await db.accounts.count()).toBe(1);
		online = false; // sign out with no connection: the server is told later
		await enqueue('license.requestKey', { licenseId: crypto.randomUUID(), accountId: ACME, serial: freeSerial(server, ACME), registration }, db);
		await session.logout();
		expect(session).toMatchObject({ status: 'signed-out', user: null, currentAccountId: null });
		expect(events).toEqual(['signed-in', 'signed-out']);
		for (const table of db.serverTables) expect(await table.count()).toBe(0);
		expect(await getMeta(db, 'cursor')).toBeUndefined();
		expect(await db.meta.get(`lastRegistration:${ACME}`)).toBeUndefined();
		expect(await db.outbox.count()).toBe(1);
		expect(await getMeta(db, 'signOutPending')).toBe(true);

		online = true;
		await newSession().session.restore(); // back online: the pending sign-out reaches the server first
		expect(await getMeta(db, 'signOutPending')).toBeUndefined();
	});

	it("another user's sign-in replaces the previous user's data", async () => {
		await newSession().session.login(TECH.email, PASSWORD);
		await testEngine(db, fetch).engine.sync();
		const { session } = newSession();
		await session.login(GLOBEX_ADMIN.email, PASSWORD);
		expect(session.currentAccountId).toBe(GLOBEX);
		expect(await db.accounts.count()).toBe(0);
		await testEngine(db, fetch).engine.sync();
		expect((await db.accounts.toArray()).map((a) => a.id)).toEqual([GLOBEX]);
	});
});
