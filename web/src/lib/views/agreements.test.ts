// Remaining seats on the device: the last sync's count, less pending draw-downs, plus pending releases.
import type { AgreementRow, LicenseRow } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { KeyfieldDb } from '../db/db.ts';
import { setMeta } from '../db/meta.ts';
import { enqueue } from '../ops/enqueue.ts';
import { agreementWithOverlay, agreementDetailView } from './agreements.ts';
import { signedInEntries } from '../ops/outbox.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const TECH = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'tech@acme.test', name: 'Tess Tech', vendor: false };
const licensee = { company: 'Acme Field Services', contactName: 'Acme IT', email: 'it@acme.test', country: 'ES' };
const agreement: AgreementRow = {
	id: '22222222-2222-4222-8222-222222222222',
	accountId: ACME,
	version: 5,
	name: 'Acme Flex',
	startsOn: '2020-01-01',
	endsOn: '2099-12-31',
	licensee,
	products: [
		{ sku: 'KF-EDGE', name: 'Keyfield Edge Gateway', seatCap: 10, seatsUsed: 4 },
		{ sku: 'KF-VAULT', name: 'Keyfield Vault', seatCap: 5, seatsUsed: 0 }
	]
};
const drawnLicense: LicenseRow = {
	id: '33333333-3333-4333-8333-333333333333', accountId: ACME, version: 5, origin: 'agreement', sourceId: agreement.id, certificateId: null, sku: 'KF-EDGE',
	productName: 'Keyfield Edge Gateway', productVersion: '5.2', serial: null, seats: 4, maintenanceEnd: '2099-12-31', key: 'KF1.x.y', registration: licensee,
	hostId: null, status: 'active', fields: {}, createdAt: '2026-01-01T00:00:00.000Z'
};

async function deviceDb() {
	const db = new KeyfieldDb(`keyfield-test-${crypto.randomUUID()}`);
	await setMeta(db, 'user', TECH);
	await db.agreements.put(agreement);
	await db.licenses.put(drawnLicense);
	return db;
}

function first<T>(observable: { subscribe(next: (v: T) => void): { unsubscribe(): void } }): Promise<T> {
	return new Promise((resolve) => {
		const sub = observable.subscribe((v) => {
			resolve(v);
			queueMicrotask(() => sub.unsubscribe());
		});
	});
}

describe('agreement overlay', () => {
	it('counts pending draw-downs against what remains and pending releases back into it', async () => {
		const db = await deviceDb();
		const pendingId = crypto.randomUUID();
		await enqueue('enterprise.drawDown', { accountId: ACME, agreementId: agreement.id, licenseId: pendingId, sku: 'KF-EDGE', seats: 3, registration: licensee }, db);
		await enqueue('enterprise.release', { accountId: ACME, agreementId: agreement.id, licenseId: drawnLicense.id, seats: 1 }, db);
		const entries = await signedInEntries(db);
		const view = agreementWithOverlay(agreement, entries, new Map([[drawnLicense.id, drawnLicense]]));
		expect(view.products[0]).toMatchObject({ sku: 'KF-EDGE', seatsUsed: 4, pendingDrawn: 3, pendingReleased: 1, remaining: 4 });
		expect(view.products[1]).toMatchObject({ remaining: 5, pendingDrawn: 0 });

		const detail = await first(agreementDetailView(agreement.id, db));
		expect(detail?.licenses.map((l) => [l.id, l.status, l.seats])).toEqual([
			[pendingId, 'pending', 3],
			[drawnLicense.id, 'active', 3]
		]);
		expect(detail?.licenses[0]).toMatchObject({ productName: 'Keyfield Edge Gateway', maintenanceEnd: '2099-12-31' });

		// The server's row arrives (a pull): the draw-down is in the agreement's count now, not counted twice.
		await db.licenses.put({ ...drawnLicense, id: pendingId, seats: 3 });
		const arrived = agreementWithOverlay({ ...agreement, products: [{ ...agreement.products[0]!, seatsUsed: 7 }] }, await signedInEntries(db), new Map([[pendingId, { ...drawnLicense, id: pendingId }], [drawnLicense.id, drawnLicense]]));
		expect(arrived.products[0]).toMatchObject({ seatsUsed: 7, pendingDrawn: 0, remaining: 4 });
	});
});
