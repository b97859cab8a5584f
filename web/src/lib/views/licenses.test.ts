import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyfieldDb } from '../db/db.ts';
import { enqueue } from '../ops/enqueue.ts';
import type { Fetch } from '../sync/api.ts';
import type { FakeServer } from '../sync/testing/fake-server.ts';
import { ACME, browserFetch, freeSerial, GLOBEX, registration, seededServer, signIn, TECH, testDb, testEngine, valueWhere } from '../sync/testing/fixtures.ts';
import { attentionView, discardAttention, retryAttention } from './attention.ts';
import { lastRegistration, licensesView, licenseView } from './licenses.ts';

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

async function getKey(serial: string) {
	const licenseId = crypto.randomUUID();
	await enqueue('license.requestKey', { licenseId, accountId: ACME, serial, registration }, db);
	return licenseId;
}

describe('optimistic license views', () => {
	it('shows a pending placeholder at once, then the server row in its place, never both', async () => {
		const serial = freeSerial(server, ACME);
		const licenseId = await getKey(serial);
		const pending = await valueWhere(licensesView(ACME, db), (list) => list.length > 0);
		expect(pending).toHaveLength(1);
		expect(pending[0]).toMatchObject({ id: licenseId, serial, status: 'pending', pendingMutationId: 1, key: null, registration });

		// Every state the list passes through while syncing: never two rows for one license, never none.
		const states: number[] = [];
		const subscription = licensesView(ACME, db).subscribe((list) => states.push(list.length));
		await testEngine(db, fetch).engine.sync();
		const active = await valueWhere(licensesView(ACME, db), (list) => list[0]?.status === 'active');
		subscription.unsubscribe();
		expect(active).toHaveLength(1);
		expect(active[0]).toMatchObject({ id: licenseId, serial, status: 'active', pendingMutationId: null, sku: 'KF-EDGE' });
		expect(active[0]!.key).toMatch(/^KF1\./);
		expect(states.every((n) => n === 1)).toBe(true);
		expect(await valueWhere(licenseView(licenseId, db), (view) => view?.status === 'active')).toMatchObject({ id: licenseId });
	});

	it('keeps showing an applied operation until the pull brings its row (no flicker)', async () => {
		const licenseId = await getKey(freeSerial(server, ACME));
		server.intercept = (path) => (path === '/api/sync/pull' ? { status: 503, body: {} } : undefined);
		await testEngine(db, fetch).engine.sync();
		expect((await db.outbox.toArray())[0]!.appliedAt).toBeDefined();
		expect(await valueWhere(licenseView(licenseId, db), () => true)).toMatchObject({ status: 'pending' });
	});

	it('moves a rejected operation from the list to attention; retry and discard work on it', async () => {
		await getKey(freeSerial(server, GLOBEX));
		await testEngine(db, fetch).engine.sync();
		expect(await valueWhere(licensesView(ACME, db), () => true)).toEqual([]);
		const [item] = await valueWhere(attentionView(db), (items) => items.length === 1);
		expect(item).toMatchObject({ id: 1, code: 'serial_unknown', name: 'license.requestKey' });

		const fixed = { licenseId: crypto.randomUUID(), accountId: ACME, serial: freeSerial(server, ACME), registration };
		expect(await retryAttention(item!.id, 'license.requestKey', fixed, db)).toBe(2);
		expect(await valueWhere(attentionView(db), () => true)).toEqual([]);
		expect((await valueWhere(licensesView(ACME, db), (list) => list.length === 1))[0]).toMatchObject({ status: 'pending' });

		await getKey(freeSerial(server, GLOBEX));
		await testEngine(db, fetch).engine.sync();
		const [again] = await valueWhere(attentionView(db), (items) => items.length === 1);
		await discardAttention(again!.id, db);
		expect(await db.attention.count()).toBe(0);
	});

	it('prefills the registration last typed in the account', async () => {
		expect(await lastRegistration(ACME, db)).toBeNull();
		await getKey(freeSerial(server, ACME));
		expect(await lastRegistration(ACME, db)).toEqual(registration);
	});
});
