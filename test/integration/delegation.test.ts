// Partner delegation through the web app's own code (outbox, sync engine, Dexie on fake-indexeddb) against the real
// sync server: a customer admin's device delegates by the partner's code, the partner's device gets the customer's
// rows; after a revoke its next sync removes them from its Dexie, and the operation it had queued against the
// customer lands in "Needs attention" with the reason, naming both accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../web/src/lib/ops/enqueue.ts';
import { newDevice, registration, signIn, testEngine } from './support/device.ts';
import { RealServer } from './support/server.ts';

let server: RealServer;

beforeAll(async () => {
	server = await RealServer.start();
});
afterAll(() => server?.close());

describe('partner delegation on devices', () => {
	it('delegates, shows the customer on the partner device, and removes it there after a revoke', async () => {
		const customer = await server.workspace('admin');
		const partner = await server.workspace('admin', 'partner');
		const admin = newDevice(server);
		const phone = newDevice(server);
		await signIn(admin, customer.email);
		await signIn(phone, partner.email);
		const adminSync = testEngine(admin);
		const phoneSync = testEngine(phone);

		await enqueue('license.requestKey', { licenseId: crypto.randomUUID(), accountId: customer.accountId, serial: await server.freeSerial(customer.accountId), registration }, admin.db);
		await adminSync.engine.sync();
		await phoneSync.engine.sync();
		expect(await phone.db.licenses.where('accountId').equals(customer.accountId).count()).toBe(0);
		// The partner reads its code on its own device and tells the customer.
		const partnerCode = (await phone.db.share_codes.get(partner.accountId))!.code;

		const delegationId = crypto.randomUUID();
		await enqueue('delegation.grant', { delegationId, accountId: customer.accountId, partnerCode, scope: 'manage' }, admin.db);
		await adminSync.engine.sync();
		expect(await admin.db.attention.count()).toBe(0);
		expect(await admin.db.delegations.get(delegationId)).toMatchObject({ accountId: customer.accountId, partnerAccountId: partner.accountId, scope: 'manage' });

		await phoneSync.engine.sync();
		expect(await phone.db.licenses.where('accountId').equals(customer.accountId).count()).toBe(1);
		expect(await phone.db.accounts.get(customer.accountId)).toBeDefined();
		expect(await phone.db.delegations.get(delegationId)).toMatchObject({ scope: 'manage' });

		// The partner queues a key request for the customer with no signal; meanwhile the customer revokes.
		const queued = crypto.randomUUID();
		await enqueue('license.requestKey', { licenseId: queued, accountId: customer.accountId, serial: await server.freeSerial(customer.accountId), registration }, phone.db);
		await enqueue('delegation.revoke', { delegationId, accountId: customer.accountId }, admin.db);
		await adminSync.engine.sync();
		expect(await admin.db.delegations.count()).toBe(0); // the tombstone removed it from the admin's device too

		await phoneSync.engine.sync();
		for (const table of phone.db.serverTables) expect(await table.where('accountId').equals(customer.accountId).count(), table.name).toBe(0);
		expect(await phone.db.outbox.count()).toBe(0);
		const [item] = await phone.db.attention.toArray();
		expect(item).toMatchObject({ name: 'license.requestKey', code: 'delegation_revoked', accountId: customer.accountId, details: { partnerName: expect.any(String), customerName: expect.any(String) } });
		expect(item!.message).toMatch(/no longer delegates its account to/);
		expect(await server.licenseCount(customer.accountId)).toBe(1);
		admin.db.close();
		phone.db.close();
	});
});
