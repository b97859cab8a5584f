// Enterprise Flexible draw-downs and releases through push, on the real server and database.
import { AgreementRow, decodeLicenseKey, verifyLicenseKey } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgreement, drawDown, release, seatsUsed } from '../test/enterprise-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;
let tech: string;
let acme: string;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	tech = await server.login('tech@acme.test');
	acme = await server.accountId(tech, 'Acme Field Services');
});
afterAll(() => server?.close());

const publicKeys = () => [{ kid: server.signer.kid, alg: 'Ed25519' as const, publicKey: server.signer.publicKey }];

async function pushOne(token: string, mutation: unknown) {
	const { status, body } = await server.push(token, crypto.randomUUID(), [mutation]);
	expect(status).toBe(200);
	return body.results[0]!;
}

describe('enterprise.drawDown', () => {
	it('draws seats into a signed license, and a pull delivers it with the agreement and its event', async () => {
		const agreementId = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-EDGE', seatCap: 10 }], endsOn: '2031-03-31' });
		const { changes: before } = await server.pullAll(tech, crypto.randomUUID(), null);
		const synced = before.find((c) => c.op === 'put' && c.table === 'agreements' && c.row.id === agreementId);
		expect(synced).toMatchObject({ row: { products: [{ sku: 'KF-EDGE', name: 'Keyfield Edge Gateway', seatCap: 10, seatsUsed: 0 }] } });

		const mutation = drawDown(1, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 3 });
		expect(await pushOne(tech, mutation)).toMatchObject({ status: 'applied', result: { licenseId: mutation.args.licenseId, seatsRemaining: 7 } });

		const license = await server.db.selectFrom('licenses').selectAll().where('id', '=', mutation.args.licenseId).executeTakeFirstOrThrow();
		expect(license).toMatchObject({ origin: 'agreement', source_id: agreementId, sku: 'KF-EDGE', seats: 3, maintenance_end: '2031-03-31', status: 'active', serial: null });
		expect(license.registration).toMatchObject({ company: 'Acme Field Services' });
		const verified = await verifyLicenseKey(license.key, publicKeys());
		expect(verified).toMatchObject({ valid: true, payload: { lic: license.id, acct: acme, sku: 'KF-EDGE', seats: 3, maintEnd: '2031-03-31' } });

		const { changes } = await server.pullAll(tech, crypto.randomUUID(), null);
		const agreement = changes.find((c) => c.op === 'put' && c.table === 'agreements' && c.row.id === agreementId);
		expect(AgreementRow.parse(agreement?.op === 'put' ? agreement.row : null).products[0]).toMatchObject({ seatsUsed: 3 });
		expect(changes).toContainEqual(
			expect.objectContaining({ table: 'agreement_events', row: expect.objectContaining({ agreementId, kind: 'draw', seats: 3, licenseId: license.id, userEmail: 'tech@acme.test' }) })
		);
		expect(changes).toContainEqual(expect.objectContaining({ table: 'licenses', row: expect.objectContaining({ id: license.id, origin: 'agreement', sourceId: agreementId }) }));
		const journal = await server.db.selectFrom('activity').select('details').where('action', '=', 'enterprise.drawDown').execute();
		expect(journal.map((j) => j.details)).toContainEqual(expect.objectContaining({ agreementId, licenseId: license.id, seats: 3 }));
	});

	it('rejects a draw-down past the cap, says how many remain, and leaves nothing behind', async () => {
		const agreementId = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-VAULT', seatCap: 5 }] });
		await pushOne(tech, drawDown(1, { accountId: acme, agreementId, sku: 'KF-VAULT', seats: 4 }));
		const over = drawDown(1, { accountId: acme, agreementId, sku: 'KF-VAULT', seats: 2 });
		const result = await pushOne(tech, over);
		expect(result).toMatchObject({ status: 'rejected', code: 'agreement_cap_exceeded' });
		expect(result.message).toMatch(/Only 1 seat of KF-VAULT remain/);
		expect(await seatsUsed(server, agreementId, 'KF-VAULT')).toBe(4);
		expect(await server.db.selectFrom('licenses').select('id').where('id', '=', over.args.licenseId).execute()).toEqual([]);
		expect(await server.db.selectFrom('agreement_events').select('id').where('agreement_id', '=', agreementId).execute()).toHaveLength(1);
	});

	it('keeps a batch atomic per mutation: a rejected draw-down between two applied ones', async () => {
		const agreementId = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-EDGE', seatCap: 4 }] });
		const { body } = await server.push(tech, crypto.randomUUID(), [
			drawDown(1, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 2 }),
			drawDown(2, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 5 }),
			drawDown(3, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 2 })
		]);
		expect(body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
		expect(await seatsUsed(server, agreementId, 'KF-EDGE')).toBe(4);
		const versions = await server.db.selectFrom('licenses').select('version').where('source_id', '=', agreementId).execute();
		expect(new Set(versions.map((v) => v.version)).size).toBe(1); // one push transaction, one account version
	});

	it('rejects an inactive term, a product outside the agreement, a taken license id and malformed args', async () => {
		const past = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-EDGE', seatCap: 5 }], startsOn: '2020-01-01', endsOn: '2020-12-31' });
		expect(await pushOne(tech, drawDown(1, { accountId: acme, agreementId: past, sku: 'KF-EDGE', seats: 1 }))).toMatchObject({ status: 'rejected', code: 'agreement_not_active' });

		const current = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-EDGE', seatCap: 5 }] });
		expect(await pushOne(tech, drawDown(1, { accountId: acme, agreementId: current, sku: 'KF-SCAN', seats: 1 }))).toMatchObject({ status: 'rejected', code: 'agreement_sku_unknown' });

		const first = drawDown(1, { accountId: acme, agreementId: current, sku: 'KF-EDGE', seats: 1 });
		await pushOne(tech, first);
		const again = drawDown(1, { accountId: acme, agreementId: current, sku: 'KF-EDGE', seats: 1, licenseId: first.args.licenseId });
		expect(await pushOne(tech, again)).toMatchObject({ status: 'rejected', code: 'license_id_taken' });
		expect(await seatsUsed(server, current, 'KF-EDGE')).toBe(1);

		for (const args of [
			{ accountId: acme, agreementId: current, sku: 'KF-EDGE', seats: 0 },
			{ accountId: acme, agreementId: current, sku: 'KF-EDGE', seats: 1.5 },
			{ accountId: acme, agreementId: 'nope', sku: 'KF-EDGE', seats: 1 },
			{ accountId: acme, agreementId: current, seats: 1 },
			null
		]) {
			const result = await pushOne(tech, { id: 1, name: 'enterprise.drawDown', createdAt: new Date().toISOString(), args });
			expect(result).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		}
	});
});

describe('enterprise.release', () => {
	it('gives seats back under a re-signed key, revokes the license when all go back, and refuses more than it holds', async () => {
		const agreementId = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-EDGE', seatCap: 10 }] });
		const draw = drawDown(1, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 5 });
		await pushOne(tech, draw);
		const licenseId = draw.args.licenseId;

		expect(await pushOne(tech, release(1, { accountId: acme, agreementId, licenseId, seats: 6 }))).toMatchObject({ status: 'rejected', code: 'agreement_release_exceeds_seats' });
		expect(await pushOne(tech, release(1, { accountId: acme, agreementId, licenseId, seats: 2 }))).toMatchObject({ status: 'applied', result: { seatsLeft: 3, revoked: false } });
		expect(await seatsUsed(server, agreementId, 'KF-EDGE')).toBe(3);
		const partial = await server.db.selectFrom('licenses').selectAll().where('id', '=', licenseId).executeTakeFirstOrThrow();
		expect(partial).toMatchObject({ seats: 3, status: 'active' });
		expect(await verifyLicenseKey(partial.key, publicKeys())).toMatchObject({ valid: true, payload: { seats: 3 } });

		expect(await pushOne(tech, release(1, { accountId: acme, agreementId, licenseId, seats: 3 }))).toMatchObject({ status: 'applied', result: { seatsLeft: 0, revoked: true } });
		const revoked = await server.db.selectFrom('licenses').selectAll().where('id', '=', licenseId).executeTakeFirstOrThrow();
		expect(revoked).toMatchObject({ status: 'revoked', key: partial.key });
		expect(await seatsUsed(server, agreementId, 'KF-EDGE')).toBe(0);
		expect(await pushOne(tech, release(1, { accountId: acme, agreementId, licenseId, seats: 1 }))).toMatchObject({ status: 'rejected', code: 'agreement_license_unknown' });

		const events = await server.db.selectFrom('agreement_events').select(['kind', 'seats']).where('agreement_id', '=', agreementId).orderBy('version').execute();
		expect(events).toEqual([{ kind: 'draw', seats: 5 }, { kind: 'release', seats: 2 }, { kind: 'release', seats: 3 }]);
	});

	it('releases only licenses drawn from that agreement', async () => {
		const a = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-EDGE', seatCap: 10 }] });
		const b = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-EDGE', seatCap: 10 }] });
		const draw = drawDown(1, { accountId: acme, agreementId: a, sku: 'KF-EDGE', seats: 2 });
		await pushOne(tech, draw);
		expect(await pushOne(tech, release(1, { accountId: acme, agreementId: b, licenseId: draw.args.licenseId, seats: 1 }))).toMatchObject({ status: 'rejected', code: 'agreement_license_unknown' });
		expect(decodeLicenseKey((await server.db.selectFrom('licenses').select('key').where('id', '=', draw.args.licenseId).executeTakeFirstOrThrow()).key)?.seats).toBe(2);
	});
});
