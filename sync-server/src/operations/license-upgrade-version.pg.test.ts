// "Version upgrade" against a real database: the split, partial upgrades up to the notification's quantity (also
// when they race), the rules a person can act on, isolation between accounts, and the vendor API behind it.
import { parseCode, verifyLicenseKey, type LicenseRow, type UpgradeNotificationRow } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration, requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;
let tech: string;
let acme: string;
let edgeSerials: string[];

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	tech = await server.login('tech@acme.test');
	acme = await server.accountId(tech, 'Acme Field Services');
	// More KF-EDGE serials than the demo's ten: every test upgrades licenses of its own.
	const res = await server.call('/api/admin/certificates', { token: vendor, body: { accountId: acme, sku: 'KF-EDGE', quantity: 5, maintenanceEnd: '2030-06-30', serialCount: 40 } });
	edgeSerials = ((await res.json()) as { serials: string[] }).serials;
});
afterAll(() => server?.close());

async function notify(body: Record<string, unknown>, status = 201): Promise<{ id: string; code: string }> {
	const res = await server.call('/api/admin/upgrade-notifications', { token: vendor, body: { accountId: acme, sku: 'KF-EDGE', targetSku: 'KF-EDGE-6', expiresOn: '2099-12-31', ...body } });
	const json = await res.json();
	expect(res.status, JSON.stringify(json)).toBe(status);
	return json as { id: string; code: string };
}

/** A fresh KF-EDGE license (5 seats) in Acme, registered through "Get a key". */
async function edgeLicense(): Promise<string> {
	const mutation = requestKey(1, { accountId: acme, serial: edgeSerials.shift()! });
	const { body } = await server.push(tech, crypto.randomUUID(), [mutation]);
	expect(body.results[0]).toMatchObject({ status: 'applied' });
	return mutation.args.licenseId;
}

function upgrade(id: number, args: { code: string; licenseId: string; quantity: number; newLicenseId?: string; accountId?: string; registration?: object }) {
	return {
		id,
		name: 'license.upgradeVersion',
		createdAt: new Date().toISOString(),
		args: { accountId: args.accountId ?? acme, notificationCode: args.code, licenseId: args.licenseId, newLicenseId: args.newLicenseId ?? crypto.randomUUID(), quantity: args.quantity, registration: args.registration ?? registration }
	};
}

async function pushOne(token: string, mutation: ReturnType<typeof upgrade>) {
	const { status, body } = await server.push(token, crypto.randomUUID(), [mutation]);
	expect(status).toBe(200);
	return body.results[0]!;
}

const license = (id: string) => server.db.selectFrom('licenses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const used = async (id: string) => (await server.db.selectFrom('upgrade_notifications').select('used').where('id', '=', id).executeTakeFirstOrThrow()).used;

describe('version upgrade', () => {
	it('splits a license: the old one keeps the rest under a re-signed key, the new version gets its own', async () => {
		const oldId = await edgeLicense();
		const n = await notify({ quantity: 4 });
		expect(parseCode('notification', n.code)).toEqual({ ok: true, code: n.code });
		const edited = { ...registration, contactName: 'Bruno Campo', phone: '+34 611 222 333' };
		const mutation = upgrade(1, { code: n.code.toLowerCase().replace(/-/g, ' '), licenseId: oldId, quantity: 3, registration: edited });
		expect(await pushOne(tech, mutation)).toMatchObject({ status: 'applied', result: { licenseId: oldId, newLicenseId: mutation.args.newLicenseId, remainingSeats: 2 } });

		const keys = [{ kid: server.signer.kid, alg: 'Ed25519' as const, publicKey: server.signer.publicKey }];
		const old = await license(oldId);
		expect(old).toMatchObject({ seats: 2, status: 'active', sku: 'KF-EDGE', product_version: '5.2', registration: edited });
		expect(await verifyLicenseKey(old.key, keys)).toMatchObject({ valid: true, payload: { lic: oldId, seats: 2, ver: '5.2', sku: 'KF-EDGE' } });
		const created = await license(mutation.args.newLicenseId);
		expect(created).toMatchObject({
			origin: 'upgrade', source_id: oldId, sku: 'KF-EDGE-6', product_name: 'Keyfield Edge Gateway', product_version: '6.0', seats: 3,
			maintenance_end: old.maintenance_end, certificate_id: old.certificate_id, serial: null, status: 'active', registration: edited
		});
		expect(await verifyLicenseKey(created.key, keys)).toMatchObject({ valid: true, payload: { lic: created.id, acct: acme, seats: 3, ver: '6.0', sku: 'KF-EDGE-6' } });
		expect(await used(n.id)).toBe(3);
		expect(created.version).toBe(old.version);

		const journal = await server.db.selectFrom('activity').select(['action', 'details', 'account_id']).where('action', '=', 'license.upgradeVersion').execute();
		expect(journal).toContainEqual(expect.objectContaining({ account_id: acme, details: expect.objectContaining({ licenseId: oldId, newLicenseId: created.id, quantity: 3, remainingSeats: 2 }) }));

		// Devices get both licenses and the notification's new count in one pull.
		const { changes } = await server.pullAll(tech, crypto.randomUUID(), null);
		const rows = (table: string) => changes.flatMap((c) => (c.op === 'put' && c.table === table ? [c.row] : []));
		expect(rows('licenses') as LicenseRow[]).toEqual(expect.arrayContaining([
			expect.objectContaining({ id: oldId, seats: 2 }),
			expect.objectContaining({ id: created.id, origin: 'upgrade', sourceId: oldId, productVersion: '6.0', seats: 3 })
		]));
		expect(rows('upgradeNotifications') as UpgradeNotificationRow[]).toContainEqual({
			id: n.id, accountId: acme, version: expect.any(Number), code: n.code, sku: 'KF-EDGE', targetSku: 'KF-EDGE-6', targetName: 'Keyfield Edge Gateway', targetVersion: '6.0', quantity: 4, used: 3, expiresOn: '2099-12-31'
		});
	});

	it('allows partial upgrades until the quantity is used, then rejects the excess with what remains', async () => {
		const a = await edgeLicense();
		const b = await edgeLicense();
		const n = await notify({ quantity: 6 });
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: a, quantity: 4 }))).toMatchObject({ status: 'applied' });
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: b, quantity: 3 }))).toMatchObject({ status: 'rejected', code: 'upgrade_quantity_exceeded', message: 'Only 2 seats remain on this notification.' });
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: b, quantity: 2 }))).toMatchObject({ status: 'applied', result: { remainingSeats: 3 } });
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: a, quantity: 1 }))).toMatchObject({ status: 'rejected', code: 'upgrade_quantity_exceeded', message: 'Only 0 seats remain on this notification.' });
		expect(await used(n.id)).toBe(6);
		expect((await license(b)).seats).toBe(3);
	});

	it('upgrading every seat revokes the old license and leaves it no key', async () => {
		const oldId = await edgeLicense();
		const n = await notify({ quantity: 10 });
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: oldId, quantity: 6 }))).toMatchObject({ status: 'rejected', code: 'upgrade_quantity_exceeded', message: 'This license has only 5 seats.' });
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: oldId, quantity: 5 }))).toMatchObject({ status: 'applied', result: { remainingSeats: 0 } });
		expect(await license(oldId)).toMatchObject({ status: 'revoked', key: '', seats: 5 });
		// A revoked license cannot be upgraded again.
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: oldId, quantity: 1 }))).toMatchObject({ status: 'rejected', code: 'license_not_eligible' });
		expect(await used(n.id)).toBe(5);
	});

	it('rejects a partial upgrade inside a batch without undoing the ones before it', async () => {
		const oldId = await edgeLicense();
		const n = await notify({ quantity: 3 });
		const { body } = await server.push(tech, crypto.randomUUID(), [
			upgrade(1, { code: n.code, licenseId: oldId, quantity: 2 }),
			upgrade(2, { code: n.code, licenseId: oldId, quantity: 2 }),
			upgrade(3, { code: n.code, licenseId: oldId, quantity: 1 })
		]);
		expect(body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
		expect((await license(oldId)).seats).toBe(2);
		expect(await used(n.id)).toBe(3);
		expect(await server.db.selectFrom('licenses').select('id').where('source_id', '=', oldId).execute()).toHaveLength(2);
	});

	it('reads a code of another account exactly like an unknown one, and names expired and malformed codes', async () => {
		const oldId = await edgeLicense();
		const globexAdmin = await server.login('admin@globex.test');
		const globex = await server.accountId(globexAdmin, 'Globex Industrial');
		const theirs = await notify({ accountId: globex, sku: 'KF-SCAN', targetSku: 'KF-EDGE-6', quantity: 5 });
		const unknown = parseCode('notification', 'N-00000-00000-00000').ok ? 'N-00000-00000-00000' : null;
		const other = await pushOne(tech, upgrade(1, { code: theirs.code, licenseId: oldId, quantity: 1 }));
		expect(other).toMatchObject({ status: 'rejected', code: 'notification_unknown' });
		if (unknown) expect(await pushOne(tech, upgrade(1, { code: unknown, licenseId: oldId, quantity: 1 }))).toEqual({ ...other, id: 1 });
		const expired = await notify({ quantity: 5, expiresOn: '2020-01-31' });
		expect(await pushOne(tech, upgrade(1, { code: expired.code, licenseId: oldId, quantity: 1 }))).toMatchObject({ status: 'rejected', code: 'notification_expired' });
		const typo = expired.code.slice(0, 3) + (expired.code[3] === '7' ? '8' : '7') + expired.code.slice(4);
		expect(await pushOne(tech, upgrade(1, { code: typo, licenseId: oldId, quantity: 1 }))).toMatchObject({ status: 'rejected', code: 'notification_invalid', message: expect.stringMatching(/Group 1/) });
		// Nothing was written by any of them.
		expect(await license(oldId)).toMatchObject({ seats: 5, status: 'active' });
		expect(await used(theirs.id)).toBe(0);
	});

	it('needs a license of the notified product in the same account, and an admin or technician', async () => {
		const n = await notify({ quantity: 5 });
		const vault = requestKey(1, { accountId: acme, serial: server.serials('Acme Field Services', 'KF-VAULT')[0]! });
		await server.push(tech, crypto.randomUUID(), [vault]);
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: vault.args.licenseId, quantity: 1 }))).toMatchObject({ status: 'rejected', code: 'license_not_eligible' });

		const globexAdmin = await server.login('admin@globex.test');
		const globex = await server.accountId(globexAdmin, 'Globex Industrial');
		const scan = requestKey(1, { accountId: globex, serial: server.serials('Globex Industrial')[0]! });
		await server.push(globexAdmin, crypto.randomUUID(), [scan]);
		// Another account's license named in one's own account reads as not there; acting in their account is out of scope.
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: scan.args.licenseId, quantity: 1 }))).toMatchObject({ status: 'rejected', code: 'license_unknown' });
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: scan.args.licenseId, quantity: 1, accountId: globex }))).toMatchObject({ status: 'rejected', code: 'account_not_in_scope' });
		expect(await license(scan.args.licenseId)).toMatchObject({ seats: 3, status: 'active' });

		const { id: memberId } = { id: null } as { id: string | null };
		void memberId;
		await server.call('/api/admin/users', { token: vendor, body: { email: 'reader@acme.test', password: 'reader-pass', accountId: acme, role: 'member' } });
		const member = await server.login('reader@acme.test', 'reader-pass');
		const oldId = await edgeLicense();
		expect(await pushOne(member, upgrade(1, { code: n.code, licenseId: oldId, quantity: 1 }))).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		// The partner's admin acts through the delegation.
		const partner = await server.login('partner@northwind.test');
		expect(await pushOne(partner, upgrade(1, { code: n.code, licenseId: oldId, quantity: 1 }))).toMatchObject({ status: 'applied' });
	});

	it('rejects malformed args as invalid_args, never a 5xx', async () => {
		const oldId = await edgeLicense();
		const n = await notify({ quantity: 5 });
		for (const args of [
			{},
			{ accountId: acme, notificationCode: n.code, licenseId: oldId, newLicenseId: oldId, quantity: 1, registration },
			{ accountId: acme, notificationCode: n.code, licenseId: oldId, newLicenseId: crypto.randomUUID(), quantity: 0, registration },
			{ accountId: acme, notificationCode: n.code, licenseId: 'x', newLicenseId: crypto.randomUUID(), quantity: 1.5, registration },
			{ accountId: acme, notificationCode: 42, licenseId: oldId, newLicenseId: crypto.randomUUID(), quantity: 1, registration: {} },
			null
		]) {
			const { status, body } = await server.push(tech, crypto.randomUUID(), [{ id: 1, name: 'license.upgradeVersion', createdAt: new Date().toISOString(), args }]);
			expect(status).toBe(200);
			expect(body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		}
	});

	it('refuses a new license id that is taken', async () => {
		const a = await edgeLicense();
		const b = await edgeLicense();
		const n = await notify({ quantity: 5 });
		expect(await pushOne(tech, upgrade(1, { code: n.code, licenseId: a, quantity: 1, newLicenseId: b }))).toMatchObject({ status: 'rejected', code: 'license_id_taken' });
		expect(await used(n.id)).toBe(0);
	});
});

describe('racing partial upgrades', () => {
	it('never upgrades past the quantity when eight clients upgrade at once', async () => {
		const n = await notify({ quantity: 7 });
		const licenses = [await edgeLicense(), await edgeLicense(), await edgeLicense(), await edgeLicense()];
		const admin = await server.login('admin@acme.test');
		// 8 upgrades of 2 seats (16 asked, 7 eligible), two per license, from eight clients on separate connections.
		const pushes = Array.from({ length: 8 }, (_, i) => server.push(i % 2 ? tech : admin, crypto.randomUUID(), [upgrade(1, { code: n.code, licenseId: licenses[i % 4]!, quantity: 2 })]));
		const results = (await Promise.all(pushes)).map((p) => p.body.results[0]!);
		expect(results.filter((r) => r.status === 'applied')).toHaveLength(3);
		for (const r of results.filter((r) => r.status === 'rejected')) expect(r.code).toBe('upgrade_quantity_exceeded');
		expect(await used(n.id)).toBe(6);
		const created = await server.db.selectFrom('licenses').select(['seats', 'source_id']).where('source_id', 'in', licenses).execute();
		expect(created.reduce((sum, l) => sum + l.seats, 0)).toBe(6);
		const left = await server.db.selectFrom('licenses').select('seats').where('id', 'in', licenses).execute();
		expect(left.reduce((sum, l) => sum + l.seats, 0)).toBe(20 - 6);
	});
});

describe('vendor API for upgrade notifications', () => {
	it('is for vendor operators, checks the products, lists with what was used, and journals', async () => {
		const res = await server.call('/api/admin/upgrade-notifications', { token: tech, body: { accountId: acme, sku: 'KF-EDGE', targetSku: 'KF-EDGE-6', quantity: 1, expiresOn: '2099-01-01' } });
		expect(res.status).toBe(403);
		await notify({ targetSku: 'KF-NOPE', quantity: 1 }, 404);
		await notify({ sku: 'KF-NOPE', quantity: 1 }, 404);
		await notify({ targetSku: 'KF-EDGE', quantity: 1 }, 409);
		await notify({ accountId: crypto.randomUUID(), quantity: 1 }, 404);
		await notify({ quantity: 0 }, 400);
		const n = await notify({ quantity: 2, expiresOn: '2098-05-01' });
		const listing = (await (await server.call(`/api/admin/upgrade-notifications?accountId=${acme}`, { token: vendor })).json()) as { notifications: { id: string }[] };
		expect(listing.notifications).toContainEqual({ id: n.id, code: n.code, sku: 'KF-EDGE', targetSku: 'KF-EDGE-6', quantity: 2, used: 0, expiresOn: '2098-05-01' });
		expect(await server.db.selectFrom('activity').select('action').where('action', '=', 'admin.upgradeNotification.create').where('account_id', '=', acme).execute()).not.toHaveLength(0);
	});

	it("syncs a notification only to the notified account's devices", async () => {
		const globexAdmin = await server.login('admin@globex.test');
		const theirs = (await server.pullAll(globexAdmin, crypto.randomUUID(), null)).changes.filter((c) => c.table === 'upgradeNotifications');
		const ours = (await server.pullAll(tech, crypto.randomUUID(), null)).changes.filter((c) => c.table === 'upgradeNotifications');
		const globex = await server.accountId(globexAdmin, 'Globex Industrial');
		expect(ours.length).toBeGreaterThan(0);
		for (const c of ours) expect(c.op === 'put' && c.row.accountId).toBe(acme);
		for (const c of theirs) expect(c.op === 'put' && c.row.accountId).toBe(globex);
		// The demo seed's notification is Acme's, and a new technician there can use it.
		expect(server.seed.upgradeNotifications).toEqual([expect.objectContaining({ account: 'Acme Field Services', sku: 'KF-EDGE', targetSku: 'KF-EDGE-6', quantity: 8 })]);
		const oldId = await edgeLicense();
		expect(await pushOne(tech, upgrade(1, { code: server.seed.upgradeNotifications[0]!.code, licenseId: oldId, quantity: 2 }))).toMatchObject({ status: 'applied' });
	});
});
