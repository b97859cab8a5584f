/**
 * Demo data for sharing and custom data: field definitions for Acme and Globex, and (when the seed can sign keys)
 * one Acme license with custom data, shared read-only with Globex Industrial (admin@globex.test sees it).
 * Written through the same repositories the operations use, on a certificate of its own, so the demo serials
 * that "Get a key" and the tests use stay free.
 */
import { signLicenseKey } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import * as admin from '../admin/admin.service.ts';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { insertFieldDefinition, insertHistory, writeLicenseFields } from '../db/custom-fields.repository.ts';
import { registerLicenses } from '../db/licenses.repository.ts';
import type { Database } from '../db/schema.ts';
import { insertShare } from '../db/sharing.repository.ts';
import type { Signer } from '../keys/signing-key.ts';

type Db = Kysely<Database>;

export const DEMO_FIELDS = [
	{ name: 'Cost center', type: 'text', choices: [] },
	{ name: 'Site', type: 'choice', choices: ['Madrid depot', 'Lyon plant', 'Remote'] },
	{ name: 'Renewal owner', type: 'text', choices: [] },
	{ name: 'Installed on', type: 'date', choices: [] }
] as const;

async function defineFields(db: Db, accountId: string): Promise<void> {
	for (const field of DEMO_FIELDS) {
		const version = await bumpAccountVersion(db, accountId);
		await insertFieldDefinition(db, { id: crypto.randomUUID(), accountId, version, name: field.name, type: field.type, choices: [...field.choices] });
	}
}

async function sharedDemoLicense(db: Db, signer: Signer, owner: { id: string; adminId: string }, recipientId: string): Promise<void> {
	const { serials } = await admin.createCertificate(db, { userId: null, ip: null }, { accountId: owner.id, sku: 'KF-EDGE', quantity: 2, maintenanceEnd: '2027-06-30', serialCount: 1 });
	const cert = await db.selectFrom('serials').innerJoin('certificates', 'certificates.id', 'serials.certificate_id').select('certificates.id').where('serial', '=', serials[0]!).executeTakeFirstOrThrow();
	const id = crypto.randomUUID();
	const key = await signLicenseKey({ v: 1, kid: signer.kid, lic: id, acct: owner.id, sku: 'KF-EDGE', ver: '5.2', seats: 2, maintEnd: '2027-06-30', iat: Math.floor(Date.now() / 1000) }, signer.privateKey);
	const registration = { company: 'Acme Field Services', contactName: 'Ana Técnica', email: 'ana@acme.test', country: 'ES' };
	const license = { id, account_id: owner.id, certificate_id: cert.id, serial: serials[0]!, sku: 'KF-EDGE', product_name: 'Keyfield Edge Gateway', product_version: '5.2', seats: 2, maintenance_end: '2027-06-30', key, registration, host_id: 'gw-lyon-01', status: 'active' as const };
	await registerLicenses(db, [{ ...license, claimBoxed: false }], new Map());
	await recordActivity(db, { accountId: owner.id, action: 'seed.license', details: { licenseId: id } });

	const fields = { 'Cost center': 'CC-4410', Site: 'Lyon plant' };
	const version = await bumpAccountVersion(db, owner.id);
	await writeLicenseFields(db, id, owner.id, fields, version);
	await insertHistory(db, Object.entries(fields).map(([field, value]) => ({
		id: crypto.randomUUID(), accountId: owner.id, version, licenseId: id, field, oldValue: null, newValue: value, changedBy: 'admin@acme.test', changedByUserId: owner.adminId, replacedUserId: null
	})));
	const recipientVersion = await bumpAccountVersion(db, recipientId);
	await insertShare(db, { id: crypto.randomUUID(), ownerAccountId: owner.id, ownerVersion: await bumpAccountVersion(db, owner.id), licenseId: id, recipientAccountId: recipientId, recipientVersion, sharedBy: 'admin@acme.test' });
}

export async function seedSharing(db: Db, signer: Signer | undefined, accounts: { acme: string; globex: string }): Promise<void> {
	await defineFields(db, accounts.acme);
	await defineFields(db, accounts.globex);
	if (!signer) return;
	const acmeAdmin = await db.selectFrom('users').select('id').where('email', '=', 'admin@acme.test').executeTakeFirstOrThrow();
	await sharedDemoLicense(db, signer, { id: accounts.acme, adminId: acmeAdmin.id }, accounts.globex);
}
