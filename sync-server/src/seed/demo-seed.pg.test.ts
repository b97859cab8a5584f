import { parseCode } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { openTestDb, type TestDb } from '../test/harness.ts';
import { demoSummary, seedIfEmpty } from './demo-seed.ts';

let testDb: TestDb;

beforeAll(async () => {
	testDb = await openTestDb();
	await migrateToLatest(testDb.handle.db);
});
afterAll(() => testDb?.drop());

describe('demo seed', () => {
	it('seeds an empty database once, even when two processes start together', async () => {
		const { db } = testDb.handle;
		const [a, b] = await Promise.all([seedIfEmpty(db), seedIfEmpty(db)]);
		expect([a, b].filter(Boolean)).toHaveLength(1);
		const seed = (a ?? b)!;

		const users = await db.selectFrom('users').select(['email', 'vendor']).orderBy('email').execute();
		expect(users).toEqual([
			{ email: 'admin@acme.test', vendor: false },
			{ email: 'admin@globex.test', vendor: false },
			{ email: 'partner@northwind.test', vendor: false },
			{ email: 'tech@acme.test', vendor: false },
			{ email: 'vendor@keyfield.test', vendor: true }
		]);
		const products = await db.selectFrom('products').select(['sku', 'name', 'product_version']).orderBy('sku').execute();
		expect(products).toEqual([
			{ sku: 'KF-EDGE', name: 'Keyfield Edge Gateway', product_version: '5.2' },
			{ sku: 'KF-EDGE-6', name: 'Keyfield Edge Gateway', product_version: '6.0' },
			{ sku: 'KF-SCAN', name: 'Keyfield Scanner', product_version: '8.0' },
			{ sku: 'KF-VAULT', name: 'Keyfield Vault', product_version: '3.1' }
		]);
		const delegations = await db
			.selectFrom('delegations')
			.innerJoin('accounts as c', 'c.id', 'delegations.customer_account_id')
			.innerJoin('accounts as p', 'p.id', 'delegations.partner_account_id')
			.select(['c.name as customer', 'p.name as partner', 'delegations.scope'])
			.orderBy('c.name')
			.execute();
		expect(delegations).toEqual([
			{ customer: 'Acme Field Services', partner: 'Northwind Partners', scope: 'manage' },
			{ customer: 'Initech Retail', partner: 'Northwind Partners', scope: 'read' }
		]);
		expect(new Set(seed.certificates.map((c) => c.account))).toEqual(new Set(['Acme Field Services', 'Globex Industrial', 'boxed (no account)']));
		for (const serial of seed.certificates.flatMap((c) => c.serials)) expect(parseCode('serial', serial).ok).toBe(true);

		// A later start lists the same demo serials (still unregistered) from the database.
		const summary = await demoSummary(db);
		expect(summary!.certificates.flatMap((c) => c.serials).sort()).toEqual(seed.certificates.flatMap((c) => c.serials).sort());
	});
});
