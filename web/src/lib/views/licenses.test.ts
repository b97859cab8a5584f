// Views over Dexie alone; the views through real syncs are in test/integration/licenses.test.ts.
import { makeCode, type LicenseRow } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { KeyfieldDb } from '../db/db.ts';
import { setMeta } from '../db/meta.ts';
import { enqueue } from '../ops/enqueue.ts';
import { lastRegistration } from './licenses.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const EMPTY = '44444444-4444-4444-8444-444444444444';
const TECH = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'tech@acme.test', name: 'Tess Tech', vendor: false };
const registration = { company: 'Acme Field Services', contactName: 'Ana Técnica', email: 'ana@acme.test', country: 'ES' };

describe('lastRegistration', () => {
	it('prefills the registration last typed in the account', async () => {
		const db = new KeyfieldDb(`keyfield-test-${crypto.randomUUID()}`);
		await setMeta(db, 'user', TECH);
		expect(await lastRegistration(ACME, db)).toBeNull();
		const serial = makeCode('serial', crypto.getRandomValues(new Uint8Array(16)));
		await enqueue('license.requestKey', { licenseId: crypto.randomUUID(), accountId: ACME, serial, registration }, db);
		expect(await lastRegistration(ACME, db)).toEqual(registration);
	});

	it("else takes the newest license's registration in that account, and only that account's", async () => {
		const db = new KeyfieldDb(`keyfield-test-${crypto.randomUUID()}`);
		await setMeta(db, 'user', TECH);
		const license = (accountId: string, createdAt: string, company: string): LicenseRow => ({
			id: crypto.randomUUID(), accountId, version: 1, origin: 'serial', sourceId: null, certificateId: null, sku: 'KF-EDGE',
			productName: 'Keyfield Edge Gateway', productVersion: '5.2', serial: null, seats: 1, maintenanceEnd: '2099-12-31', key: 'KF1.x.y',
			registration: { ...registration, company }, hostId: null, status: 'active', fields: {}, createdAt
		});
		await db.licenses.bulkPut([
			license(ACME, '2026-01-02T00:00:00.000Z', 'Middle'),
			license(ACME, '2026-03-01T00:00:00.000Z', 'Newest'),
			license(ACME, '2025-12-31T23:59:59.999Z', 'Oldest'),
			license(OTHER, '2027-01-01T00:00:00.000Z', 'Another account, newer still')
		]);
		expect(await lastRegistration(ACME, db)).toEqual({ ...registration, company: 'Newest' });
		expect(await lastRegistration(EMPTY, db)).toBeNull();
	});
});
