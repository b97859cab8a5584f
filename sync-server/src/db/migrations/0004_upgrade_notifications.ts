/**
 * Frozen. Upgrade notifications ("Version upgrade"): an account may move up to `quantity` seats of `sku` to the
 * catalog product `target_sku` until `expires_on`; `used` counts the seats already upgraded. A synced table:
 * `version` is the account's counter at the last write, indexed with `account_id` for pulls.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('upgrade_notifications')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
		.addColumn('target_sku', 'text', (c) => c.notNull().references('products.sku'))
		.addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
		.addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('expires_on', 'date', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		// The last line of defence against concurrent partial upgrades (the row lock is the first).
		.addCheckConstraint('upgrade_notifications_used', sql`used >= 0 and used <= quantity`)
		.execute();
	await db.schema.createIndex('upgrade_notifications_account_version').on('upgrade_notifications').columns(['account_id', 'version']).execute();
	// Which licenses came from which (an upgrade's source), for the detail screen and the journal.
	await db.schema.createIndex('licenses_source').on('licenses').column('source_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('licenses_source').execute();
	await db.schema.dropTable('upgrade_notifications').execute();
}
