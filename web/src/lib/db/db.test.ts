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
});
