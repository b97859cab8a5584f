// The web sync engine (push, pull, repairs, pausing, backoff) against the real sync server on a loopback port.
import { MAX_CHANGES_PER_PULL, PROTOCOL_VERSION, SCHEMA_VERSION } from '@keyfield/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureClient } from '../../web/src/lib/db/clients.ts';
import { enqueue } from '../../web/src/lib/ops/enqueue.ts';
import { clientEntries } from '../../web/src/lib/ops/outbox.ts';
import { clearSignedInData } from '../../web/src/lib/session/device-data.ts';
import type { Fetch } from '../../web/src/lib/sync/api.ts';
import { endSessionElsewhere, newDevice, pushes, registration, signIn, testEngine, type Device } from './support/device.ts';
import { RealServer, type Workspace } from './support/server.ts';

let server: RealServer;
let device: Device;
let ws: Workspace;

beforeAll(async () => {
	server = await RealServer.start();
});
afterAll(() => server?.close());
afterEach(() => device?.db.close());

/** A fresh workspace, and a device signed in to it. */
async function setup(): Promise<void> {
	ws = await server.workspace();
	device = newDevice(server);
	await signIn(device, ws.email);
}

async function getKey(serial: string, accountId = ws.accountId, on: Device = device): Promise<string> {
	const licenseId = crypto.randomUUID();
	await enqueue('license.requestKey', { licenseId, accountId, serial, registration }, on.db);
	return licenseId;
}

describe('sync engine', () => {
	it('pushes the queue, pulls the rows, and reports the license that arrived', async () => {
		await setup();
		const serial = await server.freeSerial(ws.accountId);
		const licenseId = await getKey(serial);
		const t = testEngine(device);
		await t.engine.sync();
		expect(t.status).toMatchObject({ phase: 'idle', lastError: null, progress: null });
		expect(t.status.lastSyncAt).not.toBeNull();
		expect(await device.db.licenses.get(licenseId)).toMatchObject({ serial, accountId: ws.accountId, status: 'active', sku: 'KF-EDGE' });
		expect((await device.db.licenses.get(licenseId))!.key).toMatch(/^KF1\./);
		expect(await device.db.outbox.count()).toBe(0);
		expect(t.arrived).toEqual([licenseId]);
		// Only this workspace (other accounts are not in the technician's scope), plus the catalog for everyone.
		expect((await device.db.accounts.toArray()).map((a) => a.id).filter((id) => id !== ws.accountId && id !== '00000000-0000-0000-0000-000000000000')).toEqual([]);
		expect((await device.db.products.toArray()).map((p) => p.sku).sort()).toEqual(['KF-EDGE', 'KF-EDGE-6', 'KF-SCAN', 'KF-VAULT']);
	});

	it('files a rejection under attention with the server code and message', async () => {
		await setup();
		const other = await server.workspace();
		await getKey(await server.freeSerial(other.accountId)); // another account's serial
		const t = testEngine(device);
		await t.engine.sync();
		expect(await device.db.outbox.count()).toBe(0);
		const [item] = await device.db.attention.toArray();
		expect(item).toMatchObject({ id: 1, code: 'serial_unknown', userId: await server.userId(ws.email), accountId: ws.accountId });
		expect(item!.message).toMatch(/not known/);
		expect(t.arrived).toEqual([]);
		expect(await server.licenseCount(other.accountId)).toBe(0);
	});

	it('keeps the outbox and pauses on 401, and resumes for the same user after sign-in', async () => {
		await setup();
		await getKey(await server.freeSerial(ws.accountId));
		await endSessionElsewhere(server, device); // the session is gone on the server: the device's cookie now gets 401
		const t = testEngine(device);
		await t.engine.sync();
		expect(t.unauthorized).toBe(1);
		expect(t.status.phase).toBe('signed-out');
		expect(await device.db.outbox.count()).toBe(1);
		const sent = device.sent.length;
		await t.engine.sync(); // paused: no request until a sign-in
		expect(t.unauthorized).toBe(1);
		expect(device.sent.length).toBe(sent);
		expect(t.timers).toHaveLength(0); // no retry loop against a 401

		await signIn(device, ws.email);
		await t.engine.resume();
		expect(t.status.phase).toBe('idle');
		expect(await device.db.outbox.count()).toBe(0);
		expect(await device.db.licenses.count()).toBe(1);
		expect(await server.licenseCount(ws.accountId)).toBe(1);
	});

	it("never pushes another user's queue; it waits for that user", async () => {
		await setup();
		const other = await server.workspace('admin');
		const techId = await server.userId(ws.email);
		await getKey(await server.freeSerial(ws.accountId));
		const techClient = (await ensureClient(device.db, techId)).clientId;
		await clearSignedInData(device.db); // the technician signs out; their queue stays
		const otherUser = await signIn(device, other.email);
		await getKey(await server.freeSerial(other.accountId), other.accountId);
		const t = testEngine(device);
		await t.engine.sync();

		const otherClient = (await ensureClient(device.db, otherUser.id)).clientId;
		expect(pushes(device)).toEqual([{ clientId: otherClient, ids: [1] }]);
		expect(await server.clientRow(techClient)).toBeUndefined(); // the server never heard of the technician's client
		expect(await server.clientRow(otherClient)).toMatchObject({ user_id: otherUser.id, last_mutation_id: 1 });
		expect(await clientEntries(device.db, techClient)).toHaveLength(1);
		expect((await device.db.licenses.toArray()).map((l) => l.accountId)).toEqual([other.accountId]);
		expect(await server.licenseCount(ws.accountId)).toBe(0);

		await signIn(device, ws.email);
		await t.engine.sync();
		expect(pushes(device).at(-1)).toEqual({ clientId: techClient, ids: [1] });
		expect(await server.clientRow(techClient)).toMatchObject({ user_id: techId, last_mutation_id: 1 });
		expect(await device.db.outbox.count()).toBe(0);
		expect((await device.db.licenses.toArray()).map((l) => l.accountId)).toEqual([ws.accountId]);
	});

	it('purges rows of an account that left the scope (a delegation revoked)', async () => {
		await setup();
		await getKey(await server.freeSerial(ws.accountId));
		await testEngine(device).engine.sync();
		const partner = await server.workspace('admin', 'partner');
		const { id: delegationId } = await server.vendor<{ id: string }>('POST', '/api/admin/delegations', {
			customerAccountId: ws.accountId,
			partnerAccountId: partner.accountId
		});
		const phone = newDevice(server);
		await signIn(phone, partner.email);
		const t = testEngine(phone);
		await t.engine.sync();
		expect((await phone.db.licenses.toArray()).map((l) => l.accountId)).toEqual([ws.accountId]);
		expect((await phone.db.accounts.toArray()).map((a) => a.id)).toContain(ws.accountId);

		await server.vendor('DELETE', `/api/admin/delegations/${delegationId}`);
		await t.engine.sync();
		expect(await phone.db.licenses.count()).toBe(0);
		expect((await phone.db.accounts.toArray()).map((a) => a.id)).not.toContain(ws.accountId);
		expect(await phone.db.products.count()).toBe(4); // the catalog stays in scope
		phone.db.close();
	});

	it('pages through a large pull, reporting progress', async () => {
		await setup();
		const serial = await server.freeSerial(ws.accountId);
		// 1,100 licenses written straight in SQL, each at its own account version, as that many writes would leave them.
		const count = 1100;
		await server.db.transaction().execute(async (tx) => {
			const { version } = await tx
				.updateTable('accounts')
				.set((eb) => ({ version: eb('version', '+', count) }))
				.where('id', '=', ws.accountId)
				.returning('version')
				.executeTakeFirstOrThrow();
			const { certificate_id } = await tx.selectFrom('serials').select('certificate_id').where('serial', '=', serial).executeTakeFirstOrThrow();
			const rows = Array.from({ length: count }, (_, i) => ({
				id: crypto.randomUUID(),
				account_id: ws.accountId,
				version: version - count + i + 1,
				certificate_id,
				serial: `BULK-${i}`,
				sku: 'KF-EDGE',
				product_name: 'Keyfield Edge Gateway',
				product_version: '5.2',
				seats: 1,
				maintenance_end: '2030-12-31',
				key: 'KF1.bulk.bulk',
				registration: JSON.stringify(registration),
				host_id: null,
				status: 'active' as const
			}));
			await tx.insertInto('licenses').values(rows).execute();
		});
		await getKey(await server.freeSerial(ws.accountId));
		const progress: number[] = [];
		// When the views hold (catchingUp) and when they read again, as seen by the number of licenses stored then.
		const catchingUp: [boolean, number][] = [];
		const t = testEngine(device, {
			report: (patch) => {
				if (patch.progress) progress.push(patch.progress.done);
				if (patch.catchingUp !== undefined) catchingUp.push([patch.catchingUp, progress.at(-1) ?? 0]);
			}
		});
		await t.engine.sync();
		expect(catchingUp).toEqual([
			[true, 0], // before the first page is applied: it says more follow
			[false, progress.at(-1)] // once the last page is in
		]);
		expect(progress[0]).toBe(MAX_CHANGES_PER_PULL);
		expect(progress.length).toBeGreaterThanOrEqual(2);
		expect(progress.every((done, i) => i === 0 || done > progress[i - 1]!)).toBe(true);
		expect(progress.at(-1)).toBeGreaterThan(count);
		expect(await device.db.licenses.count()).toBe(count + 1);
		expect(await device.db.outbox.count()).toBe(0);
	});

	it('renumbers the queue after a mutation gap so nothing typed is lost', async () => {
		await setup();
		await getKey(await server.freeSerial(ws.accountId));
		const t = testEngine(device);
		await t.engine.sync();
		// The server loses what it knew of this client's mutations (restored from a backup); two more were queued meanwhile.
		const { clientId } = await ensureClient(device.db, await server.userId(ws.email));
		await server.db.deleteFrom('mutation_results').where('client_id', '=', clientId).execute();
		await server.db.updateTable('clients').set({ last_mutation_id: 0 }).where('id', '=', clientId).execute();
		await getKey(await server.freeSerial(ws.accountId));
		await getKey(await server.freeSerial(ws.accountId));
		await t.engine.sync();
		expect(t.warnings.join(' ')).toMatch(/mutation gap/);
		expect(pushes(device).slice(-2)).toEqual([
			{ clientId, ids: [2, 3] }, // refused: 409 mutation_gap, the server has nothing after 0
			{ clientId, ids: [1, 2] }
		]);
		expect(await server.clientRow(clientId)).toMatchObject({ last_mutation_id: 2 });
		expect(await device.db.outbox.count()).toBe(0);
		expect(await device.db.licenses.count()).toBe(3);
		expect(await getKey(await server.freeSerial(ws.accountId))).toBeTruthy();
		expect((await device.db.outbox.toArray()).map((e) => e.id)).toEqual([3]);
	});

	it('moves the queue to a fresh client when the server says the client id is taken', async () => {
		await setup();
		await getKey(await server.freeSerial(ws.accountId));
		const techId = await server.userId(ws.email);
		const old = (await ensureClient(device.db, techId)).clientId;
		// Someone else pushed with this client id first (a server database reused across devices, say).
		const other = await server.workspace('admin');
		const otherToken = await server.harness.login(other.email);
		const claimed = await server.harness.push(otherToken, old, [
			{ id: 1, name: 'license.requestKey', createdAt: new Date().toISOString(), args: { licenseId: crypto.randomUUID(), accountId: other.accountId, serial: await server.freeSerial(other.accountId), registration } }
		]);
		expect(claimed.status).toBe(200);

		const t = testEngine(device);
		await t.engine.sync();
		const fresh = (await ensureClient(device.db, techId)).clientId;
		expect(fresh).not.toBe(old);
		expect(t.warnings.join(' ')).toMatch(/client id taken/);
		expect(pushes(device)).toEqual([
			{ clientId: old, ids: [1] }, // 403 client_owned_by_other_user
			{ clientId: fresh, ids: [1] }
		]);
		expect(await server.clientRow(fresh)).toMatchObject({ user_id: techId, last_mutation_id: 1 });
		expect(await device.db.licenses.count()).toBe(1);
		expect(await device.db.outbox.count()).toBe(0);
	});

	it('stops on client_outdated, keeping the outbox and not retrying', async () => {
		await setup();
		await getKey(await server.freeSerial(ws.accountId));
		// An app whose protocol the server no longer supports: the real server answers 409 client_outdated.
		const oldApp: Fetch = (path, init = {}) => {
			const body = typeof init.body === 'string' ? { ...JSON.parse(init.body), protocolVersion: PROTOCOL_VERSION + 99, schemaVersion: SCHEMA_VERSION + 99 } : undefined;
			return device.fetch(path, body ? { ...init, body: JSON.stringify(body) } : init);
		};
		const t = testEngine(device, { fetch: oldApp });
		await t.engine.sync();
		expect(t.status.phase).toBe('outdated');
		expect(t.timers).toHaveLength(0);
		expect(await device.db.outbox.count()).toBe(1);
		await t.engine.sync();
		expect(pushes(device)).toHaveLength(1); // stays stopped until the app is replaced
	});

	it('backs off with jitter on server errors and recovers', async () => {
		await setup();
		await getKey(await server.freeSerial(ws.accountId));
		// The server's database in trouble: every push fails on the server's side (a 5xx) until it is put back.
		await server.db.schema.alterTable('clients').renameTo('clients_away').execute();
		const serverLog = vi.spyOn(console, 'error').mockImplementation(() => {}); // the server logs each failure
		const t = testEngine(device);
		let logged = 0;
		try {
			await t.engine.sync();
			await t.engine.sync();
			await t.engine.sync();
			logged = serverLog.mock.calls.length;
		} finally {
			await server.db.schema.alterTable('clients_away').renameTo('clients').execute();
			serverLog.mockRestore();
		}
		expect(logged).toBe(3);
		expect(t.status.phase).toBe('error');
		expect(t.status.lastError).toBeTruthy();
		expect(t.timers.map((timer) => timer.ms)).toEqual([1000, 1500, 3000]); // random() = 0.5: 3/4 of 1 s (floored to 1 s), 2 s, 4 s
		expect(await device.db.outbox.count()).toBe(1);
		t.timers.at(-1)!.run();
		await t.engine.sync();
		expect(t.status.phase).toBe('idle');
		expect(await device.db.outbox.count()).toBe(0);
	});

	it('reports offline and schedules a retry when no server can be reached', async () => {
		await setup();
		await getKey(await server.freeSerial(ws.accountId));
		device.network.down = true;
		const t = testEngine(device);
		await t.engine.sync();
		expect(t.status.phase).toBe('offline');
		expect(t.timers).toHaveLength(1);
		device.network.down = false;
		t.timers[0]!.run();
		await t.engine.sync();
		expect(t.status.phase).toBe('idle');
		expect(await device.db.outbox.count()).toBe(0);
	});
});

describe('sync engine scheduling', () => {
	it('coalesces calls while a run is going into one more run, and debounces pokes', async () => {
		await setup();
		await getKey(await server.freeSerial(ws.accountId));
		const t = testEngine(device);
		await Promise.all([t.engine.sync(), t.engine.sync(), t.engine.sync()]);
		expect(pushes(device)).toHaveLength(1); // the second run found nothing left to push
		expect(device.sent.filter((s) => s.path === '/api/sync/pull')).toHaveLength(2); // one run, then one more
		t.engine.poke();
		t.engine.poke();
		expect(t.timers.map((timer) => timer.ms)).toEqual([150, 150]);
	});
});
