import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientEntries } from '../ops/outbox.ts';
import { enqueue } from '../ops/enqueue.ts';
import { ensureClient } from '../db/clients.ts';
import type { KeyfieldDb } from '../db/db.ts';
import { clearSignedInData } from '../session/device-data.ts';
import { error, type FakeServer } from './testing/fake-server.ts';
import { ACME, browserFetch, freeSerial, GLOBEX, GLOBEX_ADMIN, registration, seededServer, signIn, TECH, testDb, testEngine } from './testing/fixtures.ts';
import type { Fetch } from './api.ts';

let server: FakeServer;
let db: KeyfieldDb;
let fetch: Fetch;

beforeEach(async () => {
	server = await seededServer();
	db = testDb();
	fetch = browserFetch(server);
	await signIn(db, fetch, TECH.email);
});
afterEach(() => server.stop());

function getKey(serial: string, accountId = ACME) {
	return enqueue('license.requestKey', { licenseId: crypto.randomUUID(), accountId, serial, registration }, db);
}

describe('sync engine', () => {
	it('pushes the queue, pulls the rows, and reports the license that arrived', async () => {
		const serial = freeSerial(server, ACME);
		await getKey(serial);
		const [entry] = await db.outbox.toArray();
		const t = testEngine(db, fetch);
		await t.engine.sync();
		expect(t.status).toMatchObject({ phase: 'idle', lastError: null, progress: null });
		expect(t.status.lastSyncAt).not.toBeNull();
		const licenseId = (entry!.args as { licenseId: string }).licenseId;
		expect(await db.licenses.get(licenseId)).toMatchObject({ serial, accountId: ACME, status: 'active' });
		expect(await db.outbox.count()).toBe(0);
		expect(t.arrived).toEqual([licenseId]);
		expect(await db.accounts.count()).toBe(1); // Acme only: Globex is not in the technician's scope
		expect(await db.products.count()).toBe(1);
	});

	it('files a rejection under attention with the server code and message', async () => {
		await getKey(freeSerial(server, GLOBEX)); // another account's serial
		const t = testEngine(db, fetch);
		await t.engine.sync();
		expect(await db.outbox.count()).toBe(0);
		const [item] = await db.attention.toArray();
		expect(item).toMatchObject({ id: 1, code: 'serial_unknown', userId: TECH.id, accountId: ACME });
		expect(item!.message).toMatch(/isn.t known/);
		expect(t.arrived).toEqual([]);
	});

	it('keeps the outbox and pauses on 401, and resumes for the same user after sign-in', async () => {
		await getKey(freeSerial(server, ACME));
		const expired = browserFetch(server); // no session cookie: the server answers 401
		const t = testEngine(db, expired);
		await t.engine.sync();
		expect(t.unauthorized).toBe(1);
		expect(t.status.phase).toBe('signed-out');
		expect(await db.outbox.count()).toBe(1);
		await t.engine.sync(); // paused: no request until a sign-in
		expect(t.unauthorized).toBe(1);
		expect(t.timers).toHaveLength(0); // no retry loop against a 401

		await signIn(db, expired, TECH.email);
		await t.engine.resume();
		expect(t.status.phase).toBe('idle');
		expect(await db.outbox.count()).toBe(0);
		expect(await db.licenses.count()).toBe(1);
	});

	it("never pushes another user's queue; it waits for that user", async () => {
		await getKey(freeSerial(server, ACME));
		const techClient = (await ensureClient(db, TECH.id)).clientId;
		await clearSignedInData(db); // the technician signs out; their queue stays
		await signIn(db, fetch, GLOBEX_ADMIN.email);
		await getKey(freeSerial(server, GLOBEX), GLOBEX);
		const t = testEngine(db, fetch);
		await t.engine.sync();

		expect(server.pushes.map((p) => p.userId)).toEqual([GLOBEX_ADMIN.id]);
		expect(server.pushes[0]!.clientId).not.toBe(techClient);
		expect(await clientEntries(db, techClient)).toHaveLength(1);
		expect((await db.licenses.toArray()).map((l) => l.accountId)).toEqual([GLOBEX]);

		await signIn(db, fetch, TECH.email);
		await t.engine.sync();
		expect(server.pushes.at(-1)).toMatchObject({ userId: TECH.id, clientId: techClient, ids: [1] });
		expect(await db.outbox.count()).toBe(0);
		expect((await db.licenses.toArray()).map((l) => l.accountId)).toEqual([ACME]);
	});

	it('purges rows of an account that left the scope', async () => {
		await getKey(freeSerial(server, ACME));
		const t = testEngine(db, fetch);
		await t.engine.sync();
		expect(await db.licenses.count()).toBe(1);
		server.users.get(TECH.email)!.accounts = [];
		await t.engine.sync();
		expect(await db.licenses.count()).toBe(0);
		expect(await db.accounts.count()).toBe(0);
		expect(await db.products.count()).toBe(1); // the catalog stays in scope
	});

	it('pages through a large pull, reporting progress', async () => {
		for (let i = 0; i < 5; i++) await getKey(freeSerial(server, ACME));
		server.pageSize = 2;
		const progress: number[] = [];
		const t = testEngine(db, fetch, { report: (patch) => patch.progress && progress.push(patch.progress.done) });
		await t.engine.sync();
		// 7 changes in scope (Acme's account row, the catalog product, 5 licenses), 2 a page.
		expect(progress).toEqual([2, 4, 6, 7]);
		expect(await db.licenses.count()).toBe(5);
		expect(await db.outbox.count()).toBe(0);
	});

	it('renumbers the queue after a mutation gap so nothing typed is lost', async () => {
		await getKey(freeSerial(server, ACME));
		const t = testEngine(db, fetch);
		await t.engine.sync();
		// The server loses this client (restored from a backup); two more operations were queued meanwhile.
		server.clients.clear();
		await getKey(freeSerial(server, ACME));
		await getKey(freeSerial(server, ACME));
		await t.engine.sync();
		expect(t.warnings.join(' ')).toMatch(/mutation gap/);
		expect(server.pushes.at(-1)!.ids).toEqual([1, 2]);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.licenses.count()).toBe(3);
		expect(await getKey(freeSerial(server, ACME))).toBe(3);
	});

	it('stops on client_outdated, keeping the outbox and not retrying', async () => {
		await getKey(freeSerial(server, ACME));
		server.intercept = (path) => (path === '/api/sync/push' ? error(409, 'client_outdated', 'Update the app.') : undefined);
		const t = testEngine(db, fetch);
		await t.engine.sync();
		expect(t.status.phase).toBe('outdated');
		expect(t.timers).toHaveLength(0);
		expect(await db.outbox.count()).toBe(1);
	});

	it('backs off with jitter on server errors and recovers', async () => {
		await getKey(freeSerial(server, ACME));
		server.intercept = () => error(503, 'unavailable', 'Down for a moment.');
		const t = testEngine(db, fetch);
		await t.engine.sync();
		await t.engine.sync();
		await t.engine.sync();
		expect(t.status).toMatchObject({ phase: 'error', lastError: 'Down for a moment.' });
		expect(t.timers.map((timer) => timer.ms)).toEqual([1000, 1500, 3000]); // random() = 0.5: 3/4 of 1 s (floored to 1 s), 2 s, 4 s
		expect(await db.outbox.count()).toBe(1);
		server.intercept = undefined;
		t.timers.at(-1)!.run();
		await t.engine.sync();
		expect(t.status.phase).toBe('idle');
		expect(await db.outbox.count()).toBe(0);
	});

	it('reports offline when the server cannot be reached', async () => {
		await server.stop();
		const t = testEngine(db, fetch);
		await t.engine.sync();
		expect(t.status.phase).toBe('offline');
		expect(t.timers).toHaveLength(1);
	});

	it('moves the queue to a fresh client when the server says the client id is taken', async () => {
		await getKey(freeSerial(server, ACME));
		const old = (await ensureClient(db, TECH.id)).clientId;
		server.clients.set(old, { userId: GLOBEX_ADMIN.id, last: 0, results: new Map() });
		const t = testEngine(db, fetch);
		await t.engine.sync();
		const fresh = (await ensureClient(db, TECH.id)).clientId;
		expect(fresh).not.toBe(old);
		expect(server.pushes.at(-1)).toMatchObject({ clientId: fresh, ids: [1] });
		expect(await db.licenses.count()).toBe(1);
	});
});

describe('sync engine scheduling', () => {
	it('coalesces calls while a run is going into one more run, and debounces pokes', async () => {
		await getKey(freeSerial(server, ACME));
		const t = testEngine(db, fetch);
		await Promise.all([t.engine.sync(), t.engine.sync(), t.engine.sync()]);
		expect(server.pushes).toHaveLength(1); // the second run found nothing left to push
		t.engine.poke();
		t.engine.poke();
		expect(t.timers.map((timer) => timer.ms)).toEqual([150, 150]);
	});
});
