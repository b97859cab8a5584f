import { makeCode } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { setMeta } from '../db/meta.ts';
import { KeyfieldDb } from '../db/db.ts';
import { enqueue, NotSignedInError } from './enqueue.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const TECH = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'tech@acme.test', name: 'Tess Tech', vendor: false };
const registration = { company: 'Acme Field Services', contactName: 'Ana Técnica', email: 'ana@acme.test', country: 'ES' };

/** A database of its own per test: fake-indexeddb is one global factory, so names keep tests apart. */
function testDb(name = `keyfield-test-${crypto.randomUUID()}`): KeyfieldDb {
	return new KeyfieldDb(name);
}

function serial(): string {
	return makeCode('serial', crypto.getRandomValues(new Uint8Array(16)));
}

function requestKeyArgs(overrides: Record<string, unknown> = {}) {
	return { licenseId: crypto.randomUUID(), accountId: ACME, serial: serial(), registration, ...overrides };
}

describe('enqueue', () => {
	it('assigns gapless mutation ids across two tabs enqueueing at once', async () => {
		const name = `keyfield-tabs-${crypto.randomUUID()}`;
		const tabA = testDb(name);
		const tabB = testDb(name);
		await setMeta(tabA, 'user', TECH);
		const queued = await Promise.all(
			Array.from({ length: 40 }, (_, i) => enqueue('license.requestKey', requestKeyArgs(), i % 2 === 0 ? tabA : tabB))
		);
		expect([...queued].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		const entries = await tabB.outbox.toArray();
		expect(entries.map((e) => e.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		expect(new Set(entries.map((e) => e.clientId)).size).toBe(1);
		tabA.close();
		tabB.close();
	});

	it('stores the parsed args (normalised serial), the user and the account, and remembers the registration', async () => {
		const db = testDb();
		await setMeta(db, 'user', TECH);
		const canonical = serial();
		const typed = canonical.toLowerCase().replace(/-/g, ' ');
		const id = await enqueue('license.requestKey', requestKeyArgs({ serial: typed }), db);
		const [entry] = await db.outbox.toArray();
		expect(entry).toMatchObject({ id, name: 'license.requestKey', userId: TECH.id, accountId: ACME });
		expect((entry!.args as { serial: string }).serial).toBe(canonical);
		expect((await db.meta.get(`lastRegistration:${ACME}`))?.value).toEqual(registration);
	});

	it('rejects invalid args with a ZodError before writing anything or spending an id', async () => {
		const db = testDb();
		await setMeta(db, 'user', TECH);
		const good = serial();
		const typo = good.slice(0, 3) + (good[3] === '7' ? '8' : '7') + good.slice(4);
		await expect(enqueue('license.requestKey', requestKeyArgs({ serial: typo }), db)).rejects.toBeInstanceOf(ZodError);
		expect(await db.outbox.count()).toBe(0);
		expect(await enqueue('license.requestKey', requestKeyArgs(), db)).toBe(1);
	});

	it('refuses to queue when nobody is signed in', async () => {
		const db = testDb();
		await expect(enqueue('license.requestKey', requestKeyArgs(), db)).rejects.toBeInstanceOf(NotSignedInError);
		expect(await db.outbox.count()).toBe(0);
	});
});
