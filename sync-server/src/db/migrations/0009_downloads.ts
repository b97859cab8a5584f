/**
 * Frozen. Downloads (FileConnect): releases of catalog products and their artifacts, both in the catalog
 * pseudo-account. Releases sync (account_id, version); artifacts travel inside their release's row, whose version
 * an upload bumps. The bytes are not here: a blob store keeps them by SHA-256. `download_secrets` holds the HMAC key
 * of signed download URLs, in the database so that every server process behind a load balancer signs alike.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('releases')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
		.addColumn('release_version', 'text', (c) => c.notNull())
		.addColumn('platform', 'text', (c) => c.notNull())
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('stable', 'beta')`))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('published_on', 'date', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('releases_sku_version_platform', ['sku', 'release_version', 'platform'])
		.execute();
	await db.schema.createIndex('releases_account_version').on('releases').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('artifacts')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('release_id', 'uuid', (c) => c.notNull().references('releases.id'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('artifacts_release_file', ['release_id', 'file_name'])
		.execute();

	await db.schema
		.createTable('download_secrets')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('secret', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('download_secrets').execute();
	await db.schema.dropTable('artifacts').execute();
	await db.schema.dropTable('releases').execute();
}
