// Views over Dexie alone; the views through real syncs are in test/integration/licenses.test.ts.
import { makeCode } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { KeyfieldDb } from '../db/db.ts';
import { setMeta } from '../db/meta.ts';
import { enqueue } from '../ops/enqueue.ts';
import { lastRegistration } from './licenses.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
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
});
