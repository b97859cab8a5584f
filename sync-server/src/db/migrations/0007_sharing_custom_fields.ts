/**
 * Frozen. Sharing and custom data: each account's share code, the owner's and the recipient's rows of a share
 * (the recipient's scope holds only its own account, so it gets a read-only copy there), field definitions per
 * account, and the history of field changes. Synced tables carry (account_id, version) with an index on both.
 */
import { sql, type Kysely } from 'kysely';

async function syncedIndex(db: Kysely<any>, table: string): Promise<void> {
	await db.schema.createIndex(`${table}_account_version`).on(table).columns(['account_id', 'version']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('share_codes')
		.addColumn('account_id', 'uuid', (c) => c.primaryKey().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.execute();
	await syncedIndex(db, 'share_codes');

	await db.schema
		.createTable('license_shares')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('license_id', 'uuid', (c) => c.notNull().references('licenses.id'))
		.addColumn('recipient_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('shared_by', 'text', (c) => c.notNull())
		.addColumn('shared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		// Sharing twice with one account is one share: the last line of defence against two concurrent shares.
		.addUniqueConstraint('license_shares_license_recipient', ['license_id', 'recipient_account_id'])
		.execute();
	await syncedIndex(db, 'license_shares');

	await db.schema
		.createTable('shared_licenses')
		.addColumn('id', 'uuid', (c) => c.primaryKey()) // the share's id
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id')) // the recipient
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('license_id', 'uuid', (c) => c.notNull().references('licenses.id'))
		.addColumn('owner_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('shared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await syncedIndex(db, 'shared_licenses');
	await db.schema.createIndex('shared_licenses_license').on('shared_licenses').column('license_id').execute();

	await db.schema
		.createTable('field_definitions')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('text', 'number', 'date', 'choice')`))
		.addColumn('choices', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.execute();
	await syncedIndex(db, 'field_definitions');
	// Values are stored by field name, so a name is unique per account whatever its case.
	await sql`create unique index field_definitions_account_name on field_definitions (account_id, lower(name))`.execute(db);

	await db.schema
		.createTable('license_history')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('license_id', 'uuid', (c) => c.notNull().references('licenses.id'))
		.addColumn('field', 'text', (c) => c.notNull())
		.addColumn('old_value', 'jsonb', (c) => c.notNull())
		.addColumn('new_value', 'jsonb', (c) => c.notNull())
		.addColumn('changed_by', 'text', (c) => c.notNull())
		.addColumn('changed_by_user_id', 'uuid', (c) => c.references('users.id'))
		.addColumn('replaced_user_id', 'uuid', (c) => c.references('users.id'))
		.addColumn('seq', 'bigserial', (c) => c.notNull()) // order within one transaction, where `at` ties
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await syncedIndex(db, 'license_history');
	// Who set a field's current value: the newest history row of (license, field).
	await db.schema.createIndex('license_history_license_field').on('license_history').columns(['license_id', 'field', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['license_history', 'field_definitions', 'shared_licenses', 'license_shares', 'share_codes']) {
		await db.schema.dropTable(table).execute();
	}
}
