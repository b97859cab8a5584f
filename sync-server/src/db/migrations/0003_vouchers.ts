/**
 * Frozen. Vouchers: the vendor mints them in batches (product, seats, maintenance term, last day to redeem, and
 * optionally the one OEM/partner account whose users alone may redeem them); each code is redeemed once into a
 * license. `voucher_attempts` counts a user's failed redemptions (unknown codes) for the guessing limit.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('voucher_batches')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
		.addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats > 0`))
		.addColumn('term_months', 'integer', (c) => c.notNull().check(sql`term_months > 0`))
		.addColumn('expires_on', 'date', (c) => c.notNull())
		.addColumn('restricted_account_id', 'uuid', (c) => c.references('accounts.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('vouchers')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('batch_id', 'uuid', (c) => c.notNull().references('voucher_batches.id'))
		.addColumn('voided_at', 'timestamptz')
		.addColumn('redeemed_at', 'timestamptz')
		.addColumn('redeemed_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('redeemed_account_id', 'uuid', (c) => c.references('accounts.id'))
		.addColumn('license_id', 'uuid', (c) => c.unique().references('licenses.id'))
		.execute();
	await db.schema.createIndex('vouchers_batch').on('vouchers').column('batch_id').execute();
	await db.schema.createIndex('vouchers_redeemed_account').on('vouchers').column('redeemed_account_id').execute();

	await db.schema
		.createTable('voucher_attempts')
		.addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id'))
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('window_start', 'timestamptz', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['voucher_attempts', 'vouchers', 'voucher_batches']) await db.schema.dropTable(table).ifExists().execute();
}
