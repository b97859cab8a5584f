// Another tab switches users while this one syncs: a queue is only ever pushed with its own user's session.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureClient } from '../../web/src/lib/db/clients.ts';
import { enqueue } from '../../web/src/lib/ops/enqueue.ts';
import { clientEntries } from '../../web/src/lib/ops/outbox.ts';
import { loginRequest } from '../../web/src/lib/session/auth-api.ts';
import { newDevice, registration, signIn, testEngine, type Device } from './support/device.ts';
import { DEMO_PASSWORD, RealServer, type Workspace } from './support/server.ts';

let server: RealServer;
let device: Device;
let ws: Workspace;
let otherEmail: string;

beforeAll(async () => {
	server = await RealServer.start();
});
afterAll(() => server?.close());
afterEach(() => device?.db.close());

/** A technician with one applied operation (so the server knows their client id) and one still queued. */
async function technicianWithQueue(): Promise<{ queued: string; clientId: string }> {
	ws = await server.workspace('technician');
	otherEmail = `other-${crypto.randomUUID().slice(0, 8)}@customer.test`;
	await server.vendor('POST', '/api/admin/users', { email: otherEmail, password: DEMO_PASSWORD, accountId: ws.accountId, role: 'admin' });
	device = newDevice(server);
	const tech = await signIn(device, ws.email);
	await enqueue('license.requestKey', { licenseId: crypto.randomUUID(), accountId: ws.accountId, serial: await server.freeSerial(ws.accountId), registration }, device.db);
	await testEngine(device).engine.sync();
	const queued = crypto.randomUUID();
	await enqueue('license.requestKey', { licenseId: queued, accountId: ws.accountId, serial: await server.freeSerial(ws.accountId), registration }, device.db);
	return { queued, clientId: (await ensureClient(device.db, tech.id)).clientId };
}

async function appliedBy(licenseId: string): Promise<string[]> {
	const rows = await server.harness.db
		.selectFrom('activity')
		.innerJoin('users', 'users.id', 'activity.user_id')
		.select(['users.email', 'activity.details'])
		.where('action', '=', 'license.requestKey')
		.execute();
	return rows.filter((r) => (r.details as { licenseId?: string }).licenseId === licenseId).map((r) => r.email);
}

describe('switching users in another tab', () => {
	it('a sign-in while this tab waits for the sync lock leaves the first user\'s queue alone', async () => {
		const { queued, clientId } = await technicianWithQueue();
		const t = testEngine(device, { locks: { request: async (_name, run) => (await signIn(device, otherEmail), run()) } });
		await t.engine.sync();
		expect(await appliedBy(queued)).toEqual([]);
		expect(await clientEntries(device.db, clientId)).toHaveLength(1);

		await signIn(device, ws.email);
		await testEngine(device).engine.sync();
		expect(await appliedBy(queued)).toEqual([ws.email]);
	});

	it('a session that became someone else\'s mid-sync pauses the queue instead of moving it to a new client', async () => {
		const { queued, clientId } = await technicianWithQueue();
		await loginRequest(device.fetch, { email: otherEmail, password: DEMO_PASSWORD }); // the cookie is now the other user's
		const t = testEngine(device);
		await t.engine.sync();
		expect(t.unauthorized).toBe(1);
		expect(t.warnings).toEqual([]);
		expect(await appliedBy(queued)).toEqual([]);
		expect(await clientEntries(device.db, clientId)).toHaveLength(1);
	});
});
