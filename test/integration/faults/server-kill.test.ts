// Fault: the server is SIGKILLed at random moments while a device pushes 1,000 queued "Get a key" operations, and
// restarted each time; the device's own sync engine retries as it would in the field. Every operation must end
// applied exactly once: no duplicate license, no lost operation, no gap, nothing left in the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../../web/src/lib/ops/enqueue.ts';
import { onPostgres } from '../../../sync-server/src/test/harness.ts';
import { newDevice, registration, signIn, testEngine, type Device } from '../support/device.ts';
import { ServerProcess } from '../support/server-process.ts';

const OPS = 1000;
const KILLS = Number(process.env.FAULT_KILLS ?? 8);
let server: ServerProcess;
let device: Device;

beforeAll(async () => {
	if (onPostgres) server = await ServerProcess.start();
}, 120_000);
afterAll(async () => {
	await device?.db.close();
	await server?.close();
});

describe.skipIf(!onPostgres)('server killed during a long push', () => {
	it(`applies all ${OPS} operations exactly once across ${KILLS} SIGKILLs and restarts`, async () => {
		const ws = await server.workspace();
		const serials = await server.freeSerials(ws.accountId, OPS);
		device = newDevice(server);
		await signIn(device, ws.email);
		const licenseIds = new Set<string>();
		for (const serial of serials) {
			const licenseId = crypto.randomUUID();
			licenseIds.add(licenseId);
			await enqueue('license.requestKey', { licenseId, accountId: ws.accountId, serial, registration }, device.db);
		}

		const t = testEngine(device);
		let killedDuringPush = 0;
		for (let kill = 0; kill < KILLS; kill++) {
			const before = (await server.clientRows(ws.email))[0]?.last_mutation_id ?? 0;
			const syncing = t.engine.sync();
			await new Promise((r) => setTimeout(r, 20 + Math.random() * 300));
			await server.kill();
			await syncing; // ends offline: the engine schedules a retry (collected, not fired) and keeps the outbox
			const after = (await server.clientRows(ws.email))[0]?.last_mutation_id ?? 0;
			if (after < OPS && after >= before) killedDuringPush++;
			await server.restart();
		}
		await t.engine.sync();
		// The last run may have pushed everything before its pull; one more brings the acknowledgements home.
		if ((await device.db.outbox.count()) > 0) await t.engine.sync();

		const licenses = await server.db.selectFrom('licenses').select(['id', 'serial']).where('account_id', '=', ws.accountId).execute();
		expect(licenses).toHaveLength(OPS);
		expect(new Set(licenses.map((l) => l.serial)).size).toBe(OPS);
		expect(new Set(licenses.map((l) => l.id))).toEqual(licenseIds);
		expect((await server.clientRows(ws.email)).map((c) => c.last_mutation_id)).toEqual([OPS]);
		const journal = await server.db.selectFrom('activity').select('mutation_id').where('account_id', '=', ws.accountId).where('action', '=', 'license.requestKey').execute();
		expect(journal).toHaveLength(OPS); // one journal row per operation: nothing applied twice, even in part
		expect(await device.db.outbox.count()).toBe(0);
		expect(await device.db.attention.count()).toBe(0);
		expect(await device.db.licenses.where('accountId').equals(ws.accountId).count()).toBe(OPS);
		expect(killedDuringPush).toBeGreaterThan(0); // the faults really hit pushes in flight
	}, 300_000);
});
