// The optimistic license views (pending placeholder -> server row, rejections -> attention) through real syncs.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../web/src/lib/ops/enqueue.ts';
import { attentionView, discardAttention, retryAttention } from '../../web/src/lib/views/attention.ts';
import { licensesView, licenseView } from '../../web/src/lib/views/licenses.ts';
import { newDevice, registration, signIn, testEngine, valueWhere, type Device } from './support/device.ts';
import { RealServer, type Workspace } from './support/server.ts';

let server: RealServer;
let device: Device;
let ws: Workspace;

beforeAll(async () => {
	server = await RealServer.start();
});
afterAll(() => server?.close());
beforeEach(async () => {
	ws = await server.workspace();
	device = newDevice(server);
	await signIn(device, ws.email);
});
afterEach(() => device.db.close());

async function getKey(serial: string): Promise<string> {
	const licenseId = crypto.randomUUID();
	await enqueue('license.requestKey', { licenseId, accountId: ws.accountId, serial, registration }, device.db);
	return licenseId;
}

describe('optimistic license views', () => {
	it('shows a pending placeholder at once, then the server row in its place, never both', async () => {
		const serial = await server.freeSerial(ws.accountId);
		const licenseId = await getKey(serial);
		const pending = await valueWhere(licensesView(ws.accountId, device.db), (list) => list.length > 0);
		expect(pending).toHaveLength(1);
		expect(pending[0]).toMatchObject({ id: licenseId, serial, status: 'pending', pendingMutationId: 1, key: null, registration });

		// Every state the list passes through while syncing: never two rows for one license, never none.
		const states: number[] = [];
		const subscription = licensesView(ws.accountId, device.db).subscribe((list) => states.push(list.length));
		await testEngine(device).engine.sync();
		const active = await valueWhere(licensesView(ws.accountId, device.db), (list) => list[0]?.status === 'active');
		subscription.unsubscribe();
		expect(active).toHaveLength(1);
		expect(active[0]).toMatchObject({ id: licenseId, serial, status: 'active', pendingMutationId: null, sku: 'KF-EDGE' });
		expect(active[0]!.key).toMatch(/^KF1\./);
		expect(states.length).toBeGreaterThan(0);
		expect(states.every((n) => n === 1)).toBe(true);
		expect(await valueWhere(licenseView(licenseId, device.db), (view) => view?.status === 'active')).toMatchObject({ id: licenseId });
	});

	it('keeps showing an applied operation until the pull brings its row (no flicker)', async () => {
		const licenseId = await getKey(await server.freeSerial(ws.accountId));
		device.network.down = (path) => path === '/api/sync/pull'; // the signal goes between the push and the pull
		await testEngine(device).engine.sync();
		expect(await server.licenseCount(ws.accountId)).toBe(1);
		expect((await device.db.outbox.toArray())[0]!.appliedAt).toBeDefined();
		expect(await valueWhere(licenseView(licenseId, device.db), () => true)).toMatchObject({ status: 'pending' });
	});

	it('moves a rejected operation from the list to attention; retry and discard work on it', async () => {
		const other = await server.workspace();
		await getKey(await server.freeSerial(other.accountId));
		await testEngine(device).engine.sync();
		expect(await valueWhere(licensesView(ws.accountId, device.db), () => true)).toEqual([]);
		const [item] = await valueWhere(attentionView(device.db), (items) => items.length === 1);
		expect(item).toMatchObject({ id: 1, code: 'serial_unknown', name: 'license.requestKey' });

		const fixed = { licenseId: crypto.randomUUID(), accountId: ws.accountId, serial: await server.freeSerial(ws.accountId), registration };
		expect(await retryAttention(item!.id, 'license.requestKey', fixed, device.db)).toBe(2);
		expect(await valueWhere(attentionView(device.db), () => true)).toEqual([]);
		expect((await valueWhere(licensesView(ws.accountId, device.db), (list) => list.length === 1))[0]).toMatchObject({ status: 'pending' });
		await testEngine(device).engine.sync();
		expect((await valueWhere(licensesView(ws.accountId, device.db), (list) => list[0]?.status === 'active'))[0]).toMatchObject({ id: fixed.licenseId });

		await getKey(await server.freeSerial(other.accountId));
		await testEngine(device).engine.sync();
		const [again] = await valueWhere(attentionView(device.db), (items) => items.length === 1);
		await discardAttention(again!.id, device.db);
		expect(await device.db.attention.count()).toBe(0);
	});
});
