import { CATALOG_ACCOUNT_ID, type PullResponse } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { setMeta } from '../db/meta.ts';
import { KeyfieldDb } from '../db/db.ts';
import { applyPullPage } from './apply-pull.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const GLOBEX = '22222222-2222-4222-8222-222222222222';
const TECH = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'tech@acme.test', name: 'Tess Tech', vendor: false };
const CLIENT = '33333333-3333-4333-8333-333333333333';

function accountPut(id: string, name: string, version = 1) {
	return { table: 'accounts' as const, op: 'put' as const, row: { id, accountId: id, version, name, kind: 'customer' as const } };
}

function page(changes: PullResponse['changes'], scope = [ACME, GLOBEX, CATALOG_ACCOUNT_ID], extra: Partial<PullResponse> = {}): PullResponse {
	return { cursor: 'c1', hasMore: false, scope, changes, lastMutationId: 0, ...extra };
}

const testDb = () => new KeyfieldDb(`keyfield-test-${crypto.randomUUID()}`);

describe('applyPullPage', () => {
	it('applies puts and tombstones in order, the last change of a row winning', async () => {
		const db = testDb();
		await setMeta(db, 'user', TECH);
		await applyPullPage(db, TECH.id, CLIENT, page([accountPut(ACME, 'Acme'), accountPut(GLOBEX, 'Globex')]), true);
		await applyPullPage(
			db,
			TECH.id,
			CLIENT,
			page([accountPut(ACME, 'Acme v2', 2), { table: 'accounts', op: 'del', id: GLOBEX }, accountPut(ACME, 'Acme v3', 3)]),
			false
		);
		expect(await db.accounts.toArray()).toEqual([{ id: ACME, accountId: ACME, version: 3, name: 'Acme v3', kind: 'customer' }]);
		expect((await db.meta.get('cursor'))?.value).toEqual({ clientId: CLIENT, cursor: 'c1' });
	});

	it('purges every table of accounts missing from the scope, and a pull from no cursor starts clean', async () => {
		const db = testDb();
		await setMeta(db, 'user', TECH);
		await applyPullPage(db, TECH.id, CLIENT, page([accountPut(ACME, 'Acme'), accountPut(GLOBEX, 'Globex')]), true);
		await applyPullPage(db, TECH.id, CLIENT, page([], [ACME, CATALOG_ACCOUNT_ID]), false);
		expect((await db.accounts.toArray()).map((a) => a.id)).toEqual([ACME]);
		await applyPullPage(db, TECH.id, CLIENT, page([accountPut(GLOBEX, 'Globex')]), true);
		expect((await db.accounts.toArray()).map((a) => a.id)).toEqual([GLOBEX]);
	});

	it('keeps no row of an account outside the scope, even one the page itself puts', async () => {
		const db = testDb();
		await setMeta(db, 'user', TECH);
		await applyPullPage(db, TECH.id, CLIENT, page([accountPut(ACME, 'Acme'), accountPut(GLOBEX, 'Globex')]), true);
		const moved = { ...accountPut(ACME, 'Acme'), row: { ...accountPut(ACME, 'Acme').row, accountId: GLOBEX, version: 2 } };
		await applyPullPage(db, TECH.id, CLIENT, page([moved, accountPut(GLOBEX, 'Globex', 2)], [ACME, CATALOG_ACCOUNT_ID]), false);
		expect(await db.accounts.toArray()).toEqual([]);
	});

	it('purges rows out of scope on a device that has no scope recorded yet (as an older version of the app left it)', async () => {
		const db = testDb();
		await setMeta(db, 'user', TECH);
		await db.accounts.bulkPut([accountPut(ACME, 'Acme').row, accountPut(GLOBEX, 'Globex').row]);
		await applyPullPage(db, TECH.id, CLIENT, page([], [ACME, CATALOG_ACCOUNT_ID]), false);
		expect((await db.accounts.toArray()).map((a) => a.id)).toEqual([ACME]);
		expect((await db.meta.get('scope'))?.value).toEqual([ACME, CATALOG_ACCOUNT_ID]);
	});

	it('drops only the outbox entries a push applied and the pull covers', async () => {
		const db = testDb();
		await setMeta(db, 'user', TECH);
		const entry = { clientId: CLIENT, name: 'license.requestKey' as const, args: {}, createdAt: new Date().toISOString(), userId: TECH.id, accountId: ACME };
		await db.outbox.bulkAdd([
			{ ...entry, id: 1, appliedAt: 'x' },
			{ ...entry, id: 2 }, // sent, but the answer was lost: it must be pushed again to learn its result
			{ ...entry, id: 3, appliedAt: 'x' }
		]);
		await applyPullPage(db, TECH.id, CLIENT, page([], undefined, { lastMutationId: 2 }), false);
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([2, 3]);
	});

	it('drops a page that arrives after its user signed out', async () => {
		const db = testDb();
		await applyPullPage(db, TECH.id, CLIENT, page([accountPut(ACME, 'Acme')]), true);
		expect(await db.accounts.count()).toBe(0);
		expect(await db.meta.get('cursor')).toBeUndefined();
	});
});
