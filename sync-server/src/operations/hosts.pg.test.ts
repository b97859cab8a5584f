// Host activations end to end through push and pull. On real Postgres the racing pushes run on separate connections
// at once (the seat count must hold under the license row lock); on PGlite they queue, which checks the outcome only.
import { verifyLicenseKey, type HostActivationRow, type PublicKeyEntry } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../admin/admin.service.ts';
import { DEMO_PASSWORD } from '../seed/demo-seed.ts';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let tech: string;
let acme: string;
let keys: PublicKeyEntry[];
const ACME = 'Acme Field Services';
// The 5-seat KF-EDGE serials first (tests of the seat limit use them), then KF-VAULT's.
const serials = () => [...server.serials(ACME, 'KF-EDGE'), ...server.serials(ACME, 'KF-VAULT')];
let nextSerial = 0;

beforeAll(async () => {
	server = await startTestServer();
	tech = await server.login('tech@acme.test');
	acme = await server.accountId(tech, ACME);
	keys = ((await (await server.call('/api/keys')).json()) as { keys: PublicKeyEntry[] }).keys;
});
afterAll(() => server?.close());

function op(id: number, name: string, args: Record<string, unknown>) {
	return { id, name, createdAt: new Date().toISOString(), args };
}
const activate = (id: number, licenseId: string, hostId: string, activationId: string = crypto.randomUUID()) =>
	op(id, 'host.activate', { activationId, licenseId, hostId });
const deactivate = (id: number, licenseId: string, activationId: string) => op(id, 'host.deactivate', { activationId, licenseId });
const move = (id: number, licenseId: string, activationId: string, newHostId: string, newActivationId: string = crypto.randomUUID()) =>
	op(id, 'host.move', { activationId, licenseId, newActivationId, newHostId });

/** A fresh license of Acme (5 seats for the first ten), registered by the technician. */
async function newLicense(): Promise<string> {
	const mutation = requestKey(1, { accountId: acme, serial: serials()[nextSerial++]! });
	const { body } = await server.push(tech, crypto.randomUUID(), [mutation]);
	expect(body.results[0]!.status).toBe('applied');
	return mutation.args.licenseId;
}

async function pushOne(token: string, mutation: ReturnType<typeof op>) {
	const { status, body } = await server.push(token, crypto.randomUUID(), [{ ...mutation, id: 1 }]);
	expect(status).toBe(200);
	return body.results[0]!;
}

function activeCount(licenseId: string): Promise<number> {
	return server.db
		.selectFrom('host_activations')
		.select('id')
		.where('license_id', '=', licenseId)
		.where('deactivated_at', 'is', null)
		.execute()
		.then((rows) => rows.length);
}

async function pulledHosts(token: string): Promise<HostActivationRow[]> {
	const { changes } = await server.pullAll(token, crypto.randomUUID(), null);
	return changes.flatMap((c) => (c.op === 'put' && c.table === 'host_activations' ? [c.row as HostActivationRow] : []));
}

describe('host.activate', () => {
	it('binds a normalised host, issues a host-bound key that verifies, journals it, and syncs who and when', async () => {
		const licenseId = await newLicense();
		const activationId = crypto.randomUUID();
		const before = await server.db.selectFrom('accounts').select('version').where('id', '=', acme).executeTakeFirstOrThrow();
		expect(await pushOne(tech, activate(1, licenseId, ' 00:1a:2b:3c:4d:5e ', activationId))).toEqual({ id: 1, status: 'applied', result: { activationId } });

		const row = await server.db.selectFrom('host_activations').selectAll().where('id', '=', activationId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ account_id: acme, license_id: licenseId, host_id: '001A2B3C4D5E', version: before.version + 1, deactivated_at: null });
		expect(await verifyLicenseKey(row.key, keys)).toMatchObject({ valid: true, payload: { lic: licenseId, acct: acme, seats: 5, host: '001A2B3C4D5E' } });
		const journal = await server.db.selectFrom('activity').select(['action', 'details']).where('account_id', '=', acme).where('action', '=', 'host.activate').execute();
		expect(journal.map((j) => j.details)).toContainEqual({ licenseId, activationId, hostId: '001A2B3C4D5E' });

		const pulled = (await pulledHosts(tech)).find((h) => h.id === activationId);
		expect(pulled).toMatchObject({ accountId: acme, licenseId, hostId: '001A2B3C4D5E', activatedByEmail: 'tech@acme.test', deactivatedAt: null, movedTo: null });
		expect(Date.now() - Date.parse(pulled!.activatedAt)).toBeLessThan(60_000);
	});

	it('rejects a host already active on the license, however it was typed', async () => {
		const licenseId = await newLicense();
		await pushOne(tech, activate(1, licenseId, 'srv-db-01'));
		expect(await pushOne(tech, activate(1, licenseId, ' SRV-DB-01'))).toMatchObject({ status: 'rejected', code: 'host_already_active' });
		expect(await activeCount(licenseId)).toBe(1);
	});

	it('stops at the seat limit and says how many seats and where to free one', async () => {
		const licenseId = await newLicense();
		const clientId = crypto.randomUUID();
		const { body } = await server.push(tech, clientId, Array.from({ length: 6 }, (_, i) => activate(i + 1, licenseId, `host-${i}`)));
		expect(body.results.slice(0, 5).map((r) => r.status)).toEqual(Array(5).fill('applied'));
		expect(body.results[5]).toMatchObject({ status: 'rejected', code: 'seats_exhausted' });
		expect(body.results[5]!.message).toMatch(/All 5 seats.*Deactivate a host on the license page/);
		expect(await activeCount(licenseId)).toBe(5);
	});

	it('never goes over the seat limit when twelve devices activate at once', async () => {
		const licenseId = await newLicense();
		const admin = await server.login('admin@acme.test');
		const results = await Promise.all(Array.from({ length: 12 }, (_, i) => pushOne(i % 2 ? tech : admin, activate(1, licenseId, `race-${i}`))));
		expect(results.filter((r) => r.status === 'applied')).toHaveLength(5);
		for (const r of results.filter((r) => r.status === 'rejected')) expect(r.code).toBe('seats_exhausted');
		expect(await activeCount(licenseId)).toBe(5);
	});

	it('never binds one host twice when devices activate it at once', async () => {
		const licenseId = await newLicense();
		const results = await Promise.all(Array.from({ length: 6 }, () => pushOne(tech, activate(1, licenseId, 'same-host'))));
		expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
		expect(await activeCount(licenseId)).toBe(1);
	});

	it('names what is wrong with a host id, rejects malformed args, a reused activation id and a revoked license', async () => {
		const licenseId = await newLicense();
		expect(await pushOne(tech, activate(1, licenseId, '00:1A:2B:3C:4D'))).toMatchObject({ status: 'rejected', code: 'host_id_invalid', message: expect.stringMatching(/6 pairs.*5/) });
		expect(await pushOne(tech, activate(1, licenseId, 'host #1'))).toMatchObject({ status: 'rejected', code: 'host_id_invalid' });
		expect(await pushOne(tech, op(1, 'host.activate', { licenseId: 'nope', hostId: 'h' }))).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		expect(await pushOne(tech, op(1, 'host.deactivate', { activationId: 42 }))).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		const activationId = crypto.randomUUID();
		await pushOne(tech, activate(1, licenseId, 'first', activationId));
		expect(await pushOne(tech, activate(1, licenseId, 'second', activationId))).toMatchObject({ status: 'rejected', code: 'activation_id_taken' });
		expect(await activeCount(licenseId)).toBe(1);

		await server.db.updateTable('licenses').set({ status: 'revoked' }).where('id', '=', licenseId).execute();
		expect(await pushOne(tech, activate(1, licenseId, 'third'))).toMatchObject({ status: 'rejected', code: 'license_not_active' });
	});
});

describe('host.deactivate', () => {
	it('frees the seat, keeps the row as history with who and when, and is harmless when repeated', async () => {
		const licenseId = await newLicense();
		const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
		await server.push(tech, crypto.randomUUID(), ids.map((id, i) => activate(i + 1, licenseId, `h${i}`, id)));
		expect(await pushOne(tech, activate(1, licenseId, 'h5'))).toMatchObject({ code: 'seats_exhausted' });

		const admin = await server.login('admin@acme.test');
		expect(await pushOne(admin, deactivate(1, licenseId, ids[0]!))).toEqual({ id: 1, status: 'applied', result: { activationId: ids[0], alreadyInactive: false } });
		expect(await pushOne(tech, deactivate(1, licenseId, ids[0]!))).toMatchObject({ status: 'applied', result: { alreadyInactive: true } });
		expect(await pushOne(tech, activate(1, licenseId, 'h5'))).toMatchObject({ status: 'applied' });

		const row = (await pulledHosts(tech)).find((h) => h.id === ids[0]);
		expect(row).toMatchObject({ hostId: 'H0', activatedByEmail: 'tech@acme.test', deactivatedByEmail: 'admin@acme.test', movedTo: null });
		expect(row!.deactivatedAt).not.toBeNull();
	});
});

describe('host.move', () => {
	it('ends the old binding and starts the new one with a new key in one step', async () => {
		const licenseId = await newLicense();
		const oldId = crypto.randomUUID();
		const newId = crypto.randomUUID();
		await pushOne(tech, activate(1, licenseId, 'old-box', oldId));
		expect(await pushOne(tech, move(1, licenseId, oldId, 'new-box', newId))).toEqual({ id: 1, status: 'applied', result: { activationId: newId } });

		const rows = await server.db.selectFrom('host_activations').selectAll().where('license_id', '=', licenseId).execute();
		const [old, moved] = [rows.find((r) => r.id === oldId)!, rows.find((r) => r.id === newId)!];
		expect(old).toMatchObject({ host_id: 'OLD-BOX', moved_to: newId });
		expect(old.deactivated_at).not.toBeNull();
		expect(moved).toMatchObject({ host_id: 'NEW-BOX', deactivated_at: null, version: old.version });
		expect(await verifyLicenseKey(moved.key, keys)).toMatchObject({ valid: true, payload: { host: 'NEW-BOX' } });
		expect(await activeCount(licenseId)).toBe(1);
	});

	it('leaves the old binding untouched when the move is rejected', async () => {
		const licenseId = await newLicense();
		const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
		await server.push(tech, crypto.randomUUID(), [activate(1, licenseId, 'box-a', a), activate(2, licenseId, 'box-b', b)]);
		expect(await pushOne(tech, move(1, licenseId, a, 'box-b'))).toMatchObject({ status: 'rejected', code: 'host_already_active' });
		expect(await pushOne(tech, move(1, licenseId, a, 'box-c', b))).toMatchObject({ status: 'rejected', code: 'activation_id_taken' });
		const active = await server.db.selectFrom('host_activations').select(['id', 'moved_to']).where('license_id', '=', licenseId).where('deactivated_at', 'is', null).execute();
		expect(active.map((r) => r.id).sort()).toEqual([a, b].sort());
		expect(active.every((r) => r.moved_to === null)).toBe(true);

		await pushOne(tech, deactivate(1, licenseId, a));
		expect(await pushOne(tech, move(1, licenseId, a, 'box-d'))).toMatchObject({ status: 'rejected', code: 'activation_not_active' });
	});

	it('holds the seat count when moves and activations race at the limit', async () => {
		const licenseId = await newLicense();
		const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
		await server.push(tech, crypto.randomUUID(), ids.map((id, i) => activate(i + 1, licenseId, `m${i}`, id)));
		const results = await Promise.all([
			...ids.map((id, i) => pushOne(tech, move(1, licenseId, id, `moved-${i}`))),
			...Array.from({ length: 5 }, (_, i) => pushOne(tech, activate(1, licenseId, `extra-${i}`)))
		]);
		expect(results.slice(0, 5).every((r) => r.status === 'applied')).toBe(true);
		expect(results.slice(5).every((r) => r.code === 'seats_exhausted')).toBe(true);
		expect(await activeCount(licenseId)).toBe(5);
	});
});

describe('who may manage hosts', () => {
	it('never reads or writes another account (or another license): unknown license and activation, nothing written', async () => {
		const licenseId = await newLicense();
		const activationId = crypto.randomUUID();
		await pushOne(tech, activate(1, licenseId, 'acme-box', activationId));
		const globex = await server.login('admin@globex.test');
		expect(await pushOne(globex, activate(1, licenseId, 'globex-box'))).toMatchObject({ status: 'rejected', code: 'license_unknown' });
		expect(await pushOne(globex, deactivate(1, licenseId, activationId))).toMatchObject({ status: 'rejected', code: 'activation_unknown' });
		expect(await pushOne(globex, move(1, licenseId, activationId, 'globex-box'))).toMatchObject({ status: 'rejected', code: 'activation_unknown' });
		const otherLicense = await newLicense();
		expect(await pushOne(tech, deactivate(1, otherLicense, activationId))).toMatchObject({ status: 'rejected', code: 'activation_unknown' });
		expect(await activeCount(licenseId)).toBe(1);
		expect((await pulledHosts(globex)).some((h) => h.licenseId === licenseId)).toBe(false);
	});

	it('lets a delegated partner admin act, and refuses a plain member', async () => {
		const licenseId = await newLicense();
		const partner = await server.login('partner@northwind.test');
		expect(await pushOne(partner, activate(1, licenseId, 'partner-box'))).toMatchObject({ status: 'applied' });

		await createUser(server.db, { userId: null, ip: null }, { email: 'member@acme.test', password: DEMO_PASSWORD, accountId: acme, role: 'member' });
		const member = await server.login('member@acme.test');
		expect(await pushOne(member, activate(1, licenseId, 'member-box'))).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		expect(await activeCount(licenseId)).toBe(1);
	});
});
