import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { KeyfieldDb } from './db.ts';

describe('device database upgrades', () => {
	it('upgrading from version 1 drops the pull cursor so the next pull brings rows of the new stores pulled past before, and keeps the rest', async () => {
		const name = `keyfield-upgrade-${crypto.randomUUID()}`;
		const before = new Dexie(name);
		// The device as version 1 left it (only the stores this test touches need to match).
		before.version(1).stores({ licenses: 'id, accountId, serial', meta: 'key' });
		await before.table('meta').bulkPut([
			{ key: 'cursor', value: { clientId: 'c', cursor: 'opaque' } },
			{ key: 'user', value: { id: 'u' } }
		]);
		before.close();

		const after = new KeyfieldDb(name);
		expect(await after.meta.get('cursor')).toBeUndefined();
		expect(await after.meta.get('user')).toEqual({ key: 'user', value: { id: 'u' } });
		expect(await after.host_activations.count()).toBe(0);
		after.close();
	});

	it('upgrading from version 11 indexes the stored licenses by [accountId+createdAt] and keeps the pull cursor', async () => {
		const name = `keyfield-upgrade-${crypto.randomUUID()}`;
		const before = new Dexie(name);
		before.version(11).stores({ licenses: 'id, accountId, serial', meta: 'key' });
		await before.table('meta').put({ key: 'cursor', value: { clientId: 'c', cursor: 'opaque' } });
		await before.table('licenses').bulkPut([
			{ id: 'l1', accountId: 'a', createdAt: '2026-01-01T00:00:00.000Z' },
			{ id: 'l2', accountId: 'a', createdAt: '2026-02-01T00:00:00.000Z' }
		]);
		before.close();

		const after = new KeyfieldDb(name);
		expect(await after.meta.get('cursor')).toEqual({ key: 'cursor', value: { clientId: 'c', cursor: 'opaque' } });
		const newest = await after.licenses.where('[accountId+createdAt]').between(['a', Dexie.minKey], ['a', Dexie.maxKey]).last();
		expect(newest?.id).toBe('l2');
		after.close();
	});
});
