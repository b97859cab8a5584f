/**
 * Frozen. Maintenance contracts per certificate or license (synced), and the product's renewal cutoff version
 * (contracts bought at an earlier version cannot renew online). A renewal waiting for the vendor's confirmation
 * lives on the contract row (pending_renewal_*, and a co-term's on each contract it names: pending_coterm_*);
 * `last_renewal_id` and `last_coterm_id` make the confirmations idempotent.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('products').addColumn('renewal_cutoff_version', 'text').execute();
	await db.schema
		.createTable('contracts')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('certificate_id', 'uuid', (c) => c.references('certificates.id'))
		.addColumn('license_id', 'uuid', (c) => c.references('licenses.id'))
		.addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
		.addColumn('product_version', 'text', (c) => c.notNull())
		.addColumn('seats', 'integer', (c) => c.notNull())
		.addColumn('starts_on', 'date', (c) => c.notNull())
		.addColumn('ends_on', 'date', (c) => c.notNull())
		.addColumn('channel', 'text', (c) => c.notNull())
		.addColumn('partner', 'jsonb')
		.addColumn('purchased_on', 'date', (c) => c.notNull())
		.addColumn('proof_refs', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('pending_renewal_id', 'uuid')
		.addColumn('pending_renewal_on', 'date')
		.addColumn('pending_renewal_by', 'text')
		.addColumn('last_renewal_id', 'uuid')
		.addColumn('pending_coterm_id', 'uuid')
		.addColumn('pending_coterm_end', 'date')
		.addColumn('pending_coterm_on', 'date')
		.addColumn('pending_coterm_by', 'text')
		.addColumn('last_coterm_id', 'uuid')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('contracts_channel', sql`channel in ('online', 'partner')`)
		.addCheckConstraint('contracts_covers_one', sql`(certificate_id is null) <> (license_id is null)`)
		.execute();
	await db.schema.createIndex('contracts_account_version').on('contracts').columns(['account_id', 'version']).execute();
	await db.schema.createIndex('contracts_pending_coterm').on('contracts').column('pending_coterm_id').execute();
	await db.schema.createIndex('contracts_last_coterm').on('contracts').column('last_coterm_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('contracts').execute();
	await db.schema.alterTable('products').dropColumn('renewal_cutoff_version').execute();
}
