/**
 * Frozen. Enterprise Flexible: agreements (a term and a licensee per account), a seat cap and the seats in use per
 * product of an agreement, and the draw/release events that are the agreement's usage history. Agreements and
 * events sync (account_id, version); the products travel inside their agreement's row, whose version every
 * draw-down and release bumps.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('agreements')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('starts_on', 'date', (c) => c.notNull())
		.addColumn('ends_on', 'date', (c) => c.notNull())
		.addColumn('licensee', 'jsonb', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('agreements_term', sql`starts_on <= ends_on`)
		.execute();
	await db.schema.createIndex('agreements_account_version').on('agreements').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('agreement_products')
		.addColumn('agreement_id', 'uuid', (c) => c.notNull().references('agreements.id'))
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
		.addColumn('seat_cap', 'integer', (c) => c.notNull().check(sql`seat_cap > 0`))
		// The last line of defence for the cap: no statement can leave more seats in use than it allows.
		.addColumn('seats_used', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('agreement_products_pk', ['agreement_id', 'sku'])
		.addCheckConstraint('agreement_products_cap', sql`seats_used >= 0 and seats_used <= seat_cap`)
		.execute();

	await db.schema
		.createTable('agreement_events')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('agreement_id', 'uuid', (c) => c.notNull().references('agreements.id'))
		.addColumn('sku', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('draw', 'release')`))
		.addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats > 0`))
		.addColumn('license_id', 'uuid', (c) => c.notNull().references('licenses.id'))
		.addColumn('user_email', 'text', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('agreement_events_account_version').on('agreement_events').columns(['account_id', 'version']).execute();
	await db.schema.createIndex('agreement_events_agreement').on('agreement_events').columns(['agreement_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['agreement_events', 'agreement_products', 'agreements']) await db.schema.dropTable(table).execute();
}
