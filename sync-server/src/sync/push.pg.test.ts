import { PROTOCOL_VERSION, SCHEMA_VERSION, verifyLicenseKey, type PublicKeyEntry } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let tech: string;
let acme: string;
const ACME = 'Acme Field Services';

beforeAll(async () => {
	server = await startTestServer();
	tech = await server.login('tech@acme.test');
	acme = await server.accountId(tech, ACME);
});
afterAll(() => server?.close());

async function licenseCount(serial: string): Promise<number> {
	const rows = await server.db.selectFrom('licenses').select('id').where('serial', '=', serial).execute();
	return rows.length;
}

describe('push: license.requestKey', () => {
	it('applies, issues a verifiable key, journals it, and bumps the account version', async () => {
		const serial = server.serials(ACME, 'KF-EDGE')[0]!;
		const clientId = crypto.randomUUID();
		const mutation = requestKey(1, { accountId: acme, serial: serial.toLowerCase().replace(/-/g, ' '), hostId: 'host-7' });
		const before = await server.db.selectFrom('accounts').select('version').where('id', '=', acme).executeTakeFirstOrThrow();
		const { status, body } = await server.push(tech, clientId, [mutation]);
		expect(status).toBe(200);
		expect(body).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'applied', result: { licenseId: mutation.args.licenseId, existing: false } }] });

		const license = await server.db.selectFrom('licenses').selectAll().where('id', '=', mutation.args.licenseId).executeTakeFirstOrThrow();
		const after = await server.db.selectFrom('accounts').select('version').where('id', '=', acme).executeTakeFirstOrThrow();
		expect(after.version).toBe(before.version + 1);
		expect(license).toMatchObject({ account_id: acme, version: after.version, serial, sku: 'KF-EDGE', seats: 5, host_id: 'host-7', status: 'active' });

		const { keys } = (await (await server.call('/api/keys')).json()) as { keys: PublicKeyEntry[] };
		const verified = await verifyLicenseKey(license.key, keys);
		expect(verified).toMatchObject({ valid: true, payload: { lic: license.id, acct: acme, sku: 'KF-EDGE', ver: '5.2', seats: 5, host: 'host-7' } });

		const journal = await server.db.selectFrom('activity').selectAll().where('client_id', '=', clientId).execute();
		expect(journal).toHaveLength(1);
		expect(journal[0]).toMatchObject({ action: 'license.requestKey', account_id: acme, mutation_id: 1, ip: '203.0.113.7' });
	});

	it('answers a duplicate push with the stored result and makes no second license', async () => {
		const serial = server.serials(ACME, 'KF-EDGE')[1]!;
		const clientId = crypto.randomUUID();
		const mutation = requestKey(1, { accountId: acme, serial });
		const first = await server.push(tech, clientId, [mutation]);
		const second = await server.push(tech, clientId, [mutation]);
		expect(second).toEqual(first);
		expect(await licenseCount(serial)).toBe(1);
	});

	it('replays after a lost response: the device re-sends 1..3 and gets 1..2 from storage, 3 applied', async () => {
		const [a, b, c] = server.serials(ACME, 'KF-EDGE').slice(2, 5) as [string, string, string];
		const clientId = crypto.randomUUID();
		const m1 = requestKey(1, { accountId: acme, serial: a });
		const m2 = requestKey(2, { accountId: acme, serial: b });
		const m3 = requestKey(3, { accountId: acme, serial: c });
		const lost = await server.push(tech, clientId, [m1, m2]);
		expect(lost.body.lastMutationId).toBe(2);
		const retry = await server.push(tech, clientId, [m1, m2, m3]);
		expect(retry.status).toBe(200);
		expect(retry.body.lastMutationId).toBe(3);
		expect(retry.body.results.slice(0, 2)).toEqual(lost.body.results);
		expect(retry.body.results[2]).toMatchObject({ id: 3, status: 'applied' });
		for (const s of [a, b, c]) expect(await licenseCount(s)).toBe(1);
	});

	it('answers a gap with 409 mutation_gap and lastMutationId, keeping what came before it', async () => {
		const clientId = crypto.randomUUID();
		const gap = await server.push(tech, clientId, [requestKey(2, { accountId: acme, serial: server.serials(ACME)[5]! })]);
		expect(gap.status).toBe(409);
		expect(gap.body.error).toMatchObject({ code: 'mutation_gap', details: { lastMutationId: 0 } });

		const bogus = { id: 1, name: 'license.nope', args: {}, createdAt: new Date().toISOString() };
		const partial = await server.push(tech, clientId, [bogus, { ...bogus, id: 3 }]);
		expect(partial.status).toBe(409);
		expect(partial.body.error).toMatchObject({ code: 'mutation_gap', details: { lastMutationId: 1 } });
	});

	it('stores rejections that consume the id: unknown operation, invalid args, invalid serial', async () => {
		const clientId = crypto.randomUUID();
		const serial = server.serials(ACME)[6]!;
		const broken = serial.slice(0, 8) + (serial[8] === '7' ? '8' : '7') + serial.slice(9);
		const { status, body } = await server.push(tech, clientId, [
			{ id: 1, name: 'license.doesNotExist', args: {}, createdAt: new Date().toISOString() },
			{ ...requestKey(2, { accountId: acme, serial }), args: { accountId: acme, serial, licenseId: 'not-a-uuid' } },
			requestKey(3, { accountId: acme, serial: broken }),
			{ ...requestKey(4, { accountId: acme, serial }), args: { ...requestKey(4, { accountId: acme, serial }).args, registration: { company: 'x'.repeat(60_000) } } },
			requestKey(5, { accountId: acme, serial: 'x'.repeat(60_000) })
		]);
		expect(status).toBe(200);
		expect(body.lastMutationId).toBe(5);
		expect(body.results.map((r) => r.code)).toEqual(['unknown_operation', 'invalid_args', 'serial_invalid', 'invalid_args', 'serial_invalid']);
		expect(body.results[2]!.message).toMatch(/Group 2/);
		for (const r of body.results) expect(r.status).toBe('rejected');
	});

	it('returns the existing license when the same account registers a serial again', async () => {
		const serial = server.serials(ACME, 'KF-VAULT')[0]!;
		const first = requestKey(1, { accountId: acme, serial });
		const again = requestKey(1, { accountId: acme, serial });
		await server.push(tech, crypto.randomUUID(), [first]);
		const { body } = await server.push(tech, crypto.randomUUID(), [again]);
		expect(body.results[0]).toEqual({ id: 1, status: 'applied', result: { licenseId: first.args.licenseId, existing: true } });
		expect(await licenseCount(serial)).toBe(1);
	});

	it('rejects a license id that is already used', async () => {
		const licenseId = crypto.randomUUID();
		const [a, b] = server.serials(ACME, 'KF-VAULT').slice(1, 3) as [string, string];
		await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: a, licenseId })]);
		const { body } = await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: b, licenseId })]);
		expect(body.results[0]).toMatchObject({ status: 'rejected', code: 'license_id_taken' });
		expect(await licenseCount(b)).toBe(0);
	});

	it('lets a boxed certificate be claimed by the first account, and only by it', async () => {
		const [first, second] = server.serials('boxed (no account)') as [string, string];
		const globexAdmin = await server.login('admin@globex.test');
		const globex = await server.accountId(globexAdmin, 'Globex Industrial');
		const claimed = await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: first })]);
		expect(claimed.body.results[0]).toMatchObject({ status: 'applied' });
		const certificate = await server.db.selectFrom('serials').innerJoin('certificates', 'certificates.id', 'serials.certificate_id').select('account_id').where('serial', '=', first).executeTakeFirstOrThrow();
		expect(certificate.account_id).toBe(acme);
		// The certificate now belongs to Acme, outside Globex's scope: its other serial is "unknown" to Globex.
		const other = await server.push(globexAdmin, crypto.randomUUID(), [requestKey(1, { accountId: globex, serial: second })]);
		expect(other.body.results[0]).toMatchObject({ status: 'rejected', code: 'serial_unknown' });
	});

	it('rejects a member who is neither admin nor technician with not_allowed', async () => {
		const vendor = await server.login('vendor@keyfield.test');
		const res = await server.call('/api/admin/users', { token: vendor, body: { email: 'viewer@acme.test', password: 'viewer-pass-1', accountId: acme, role: 'member' } });
		expect(res.status).toBe(201);
		const member = await server.login('viewer@acme.test', 'viewer-pass-1');
		const { body } = await server.push(member, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: server.serials(ACME)[7]! })]);
		expect(body.results[0]).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		expect(body.results[0]!.message).toMatch(/admin or a technician/);
	});

	it('lets a partner register into a delegated account with their partner role', async () => {
		const partner = await server.login('partner@northwind.test');
		const serial = server.serials(ACME)[8]!;
		const { body } = await server.push(partner, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial })]);
		expect(body.results[0]).toMatchObject({ status: 'applied' });
	});
});

describe('push: identity and versions', () => {
	it('gives 403 client_owned_by_other_user when another user pushes on a clientId', async () => {
		const clientId = crypto.randomUUID();
		await server.push(tech, clientId, []);
		const admin = await server.login('admin@acme.test');
		const { status, body } = await server.push(admin, clientId, [requestKey(1, { accountId: acme, serial: server.serials(ACME)[9]! })]);
		expect(status).toBe(403);
		expect(body.error?.code).toBe('client_owned_by_other_user');
		const pull = await server.call('/api/sync/pull', { token: admin, body: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, cursor: null } });
		expect(pull.status).toBe(403);
	});

	it('gives 409 client_outdated for an unsupported protocol or schema version', async () => {
		for (const versions of [{ protocolVersion: 99, schemaVersion: SCHEMA_VERSION }, { protocolVersion: PROTOCOL_VERSION, schemaVersion: 1 }]) {
			const res = await server.call('/api/sync/push', { token: tech, body: { ...versions, clientId: crypto.randomUUID(), mutations: [] } });
			expect(res.status).toBe(409);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe('client_outdated');
		}
	});

	it('needs a session: 401 unauthorized without one', async () => {
		const res = await server.call('/api/sync/push', { body: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId: crypto.randomUUID(), mutations: [] } });
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String), details: {} } });
	});
});
