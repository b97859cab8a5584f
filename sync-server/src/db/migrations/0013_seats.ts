/**
 * Frozen. Seat packages (catalog, synced), each account's seat pool per product (owned and assigned, with the cap
 * as a constraint too), orders of packages (pending payment until confirmed; `confirmed_at` makes the confirmation
 * idempotent) and seat assignments (a released one keeps its row, so a member holds at most one unreleased seat of a
 * product: the partial unique index).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('seat_packages')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('seats', 'integer', (c) => c.notNull())
		.addColumn('price_minor', 'integer', (c) => c.notNull())
		.addColumn('currency', 'text', (c) => c.notNull())
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('seat_packages_seats', sql`seats > 0`)
		.addCheckConstraint('seat_packages_price', sql`price_minor >= 0`)
		.execute();
	await db.schema.createIndex('seat_packages_account_version').on('seat_packages').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('seat_pools')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
		.addColumn('owned', 'integer', (c) => c.notNull())
		.addColumn('assigned', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('seat_pools_account_product', ['account_id', 'product_id'])
		.addCheckConstraint('seat_pools_within_owned', sql`assigned >= 0 and assigned <= owned`)
		.execute();
	await db.schema.createIndex('seat_pools_account_version').on('seat_pools').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('seat_orders')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('lines', 'jsonb', (c) => c.notNull())
		.addColumn('totals', 'jsonb', (c) => c.notNull())
		.addColumn('placed_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('placed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('confirmed_at', 'timestamptz')
		.addColumn('confirmed_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('payment_ref', 'text')
		.addCheckConstraint('seat_orders_status', sql`status in ('pending_payment', 'confirmed')`)
		.execute();
	await db.schema.createIndex('seat_orders_account_version').on('seat_orders').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('seat_assignments')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('assigned_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('released_at', 'timestamptz')
		.addColumn('released_by', 'uuid', (c) => c.references('users.id'))
		.execute();
	await db.schema.createIndex('seat_assignments_account_version').on('seat_assignments').columns(['account_id', 'version']).execute();
	await sql`create unique index seat_assignments_one_per_member on seat_assignments (account_id, product_id, user_id) where released_at is null`.execute(db);
	await db.schema.createIndex('seat_assignments_user').on('seat_assignments').columns(['account_id', 'user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['seat_assignments', 'seat_orders', 'seat_pools', 'seat_packages']) await db.schema.dropTable(table).execute();
}
