/**
 * Frozen. The first schema: accounts and people, the catalog, certificates and serials, licenses, and the
 * sync bookkeeping (clients, stored mutation results, pull cursors, tombstones), plus the activity journal.
 * Every synced table has an (account_id, version) index so a pull reads only what changed since its cursor.
 */
import { sql, type Kysely } from 'kysely';

const CATALOG_ACCOUNT_ID = '00000000-0000-4000-8000-000000000000';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('accounts')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('customer', 'partner', 'oem', 'vendor', 'catalog')`))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.insertInto('accounts').values({ id: CATALOG_ACCOUNT_ID, name: 'Catalog', kind: 'catalog' }).execute();

	await db.schema
		.createTable('users')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('vendor', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('memberships')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member', 'technician')`))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('memberships_account_user', ['account_id', 'user_id'])
		.execute();
	await db.schema.createIndex('memberships_account_version').on('memberships').columns(['account_id', 'version']).execute();
	await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

	await db.schema
		.createTable('delegations')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('customer_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('partner_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('delegations_customer_partner', ['customer_account_id', 'partner_account_id'])
		.execute();
	await db.schema.createIndex('delegations_partner').on('delegations').column('partner_account_id').execute();

	await db.schema
		.createTable('sessions')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('login_failures')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('login_failures_email_at').on('login_failures').columns(['email', 'at']).execute();
	await db.schema.createIndex('login_failures_ip_at').on('login_failures').columns(['ip', 'at']).execute();

	await db.schema
		.createTable('products')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('sku', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('product_version', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('products_account_version').on('products').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('certificates')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.references('accounts.id'))
		.addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
		.addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
		.addColumn('maintenance_end', 'date', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('certificates_account').on('certificates').column('account_id').execute();

	await db.schema
		.createTable('licenses')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('certificate_id', 'uuid', (c) => c.notNull().references('certificates.id'))
		// One license per serial: the last line of defence against two concurrent registrations.
		.addColumn('serial', 'text', (c) => c.notNull().unique())
		.addColumn('sku', 'text', (c) => c.notNull())
		.addColumn('product_name', 'text', (c) => c.notNull())
		.addColumn('product_version', 'text', (c) => c.notNull())
		.addColumn('seats', 'integer', (c) => c.notNull())
		.addColumn('maintenance_end', 'date', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('registration', 'jsonb', (c) => c.notNull())
		.addColumn('host_id', 'text')
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'revoked')`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('licenses_account_version').on('licenses').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('serials')
		.addColumn('serial', 'text', (c) => c.primaryKey())
		.addColumn('certificate_id', 'uuid', (c) => c.notNull().references('certificates.id'))
		.addColumn('license_id', 'uuid', (c) => c.unique().references('licenses.id'))
		.execute();
	await db.schema.createIndex('serials_certificate').on('serials').column('certificate_id').execute();

	await db.schema
		.createTable('tombstones')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('table_name', 'text', (c) => c.notNull())
		.addColumn('row_id', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('tombstones_account_version').on('tombstones').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('clients')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('last_mutation_id', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('mutation_results')
		.addColumn('client_id', 'uuid', (c) => c.notNull().references('clients.id'))
		.addColumn('mutation_id', 'integer', (c) => c.notNull())
		.addColumn('result', 'jsonb', (c) => c.notNull())
		.addPrimaryKeyConstraint('mutation_results_pk', ['client_id', 'mutation_id'])
		.execute();

	await db.schema
		.createTable('pull_cursors')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('seq', 'bigserial', (c) => c.notNull())
		.addColumn('client_id', 'uuid', (c) => c.notNull().references('clients.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('pull_cursors_client_seq').on('pull_cursors').columns(['client_id', 'seq']).execute();

	await db.schema
		.createTable('pull_cursor_versions')
		.addColumn('cursor_id', 'uuid', (c) => c.notNull().references('pull_cursors.id').onDelete('cascade'))
		.addColumn('account_id', 'uuid', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('pull_cursor_versions_pk', ['cursor_id', 'account_id'])
		.execute();

	await db.schema
		.createTable('activity')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('user_id', 'uuid')
		.addColumn('account_id', 'uuid')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('details', 'jsonb', (c) => c.notNull())
		.addColumn('ip', 'text')
		.addColumn('client_id', 'uuid')
		.addColumn('mutation_id', 'integer')
		.execute();
	await db.schema.createIndex('activity_account_at').on('activity').columns(['account_id', 'at']).execute();

	await db.schema
		.createTable('signing_keys')
		.addColumn('kid', 'text', (c) => c.primaryKey())
		.addColumn('public_key', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'signing_keys', 'activity', 'pull_cursor_versions', 'pull_cursors', 'mutation_results', 'clients', 'tombstones',
		'serials', 'licenses', 'certificates', 'products', 'login_failures', 'sessions', 'delegations', 'memberships',
		'users', 'accounts'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
