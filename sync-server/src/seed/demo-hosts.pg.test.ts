import { verifyLicenseKey } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { publishPublicKey } from '../keys/keys.routes.ts';
import { generatePkcs8, signerFromPkcs8 } from '../keys/signing-key.ts';
import { openTestDb, type TestDb } from '../test/harness.ts';
import { seedIfEmpty } from './demo-seed.ts';

let testDb: TestDb;

beforeAll(async () => {
	testDb = await openTestDb();
	await migrateToLatest(testDb.handle.db);
});
afterAll(() => testDb?.drop());

describe('demo hosts', () => {
	it('seeds a registered Acme license with two hosts bound by the technician, and offers its serial no more', async () => {
		const { db } = testDb.handle;
		const signer = await signerFromPkcs8(await generatePkcs8());
		await publishPublicKey(db, signer);
		const seed = (await seedIfEmpty(db, signer))!;

		const license = await db.selectFrom('licenses').selectAll().where('sku', '=', 'KF-VAULT').executeTakeFirstOrThrow();
		expect(seed.certificates.find((c) => c.account === 'Acme Field Services' && c.sku === 'KF-VAULT')!.serials).not.toContain(license.serial);
		const hosts = await db
			.selectFrom('host_activations')
			.innerJoin('users', 'users.id', 'host_activations.activated_by')
			.select(['host_id', 'key', 'users.email'])
			.where('license_id', '=', license.id)
			.where('deactivated_at', 'is', null)
			.orderBy('host_id')
			.execute();
		expect(hosts.map((h) => [h.host_id, h.email])).toEqual([
			['001A2B3C4D5E', 'tech@acme.test'],
			['VAULT-DR-01', 'tech@acme.test']
		]);
		const keys = [{ kid: signer.kid, alg: 'Ed25519' as const, publicKey: signer.publicKey }];
		for (const h of hosts) expect(await verifyLicenseKey(h.key, keys)).toMatchObject({ valid: true, payload: { host: h.host_id, seats: 25 } });
	});
});
