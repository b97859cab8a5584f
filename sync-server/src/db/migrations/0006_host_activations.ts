/**
 * Frozen. Hosts a license's seats are bound to. A deactivated row stays (deactivated_at set) as the host's history;
 * at most one active row per (license, host) is the last line of defence against a host activated twice, and the
 * seat count is kept by locking the license row before counting (see host-activations.repository.ts).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('host_activations')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('license_id', 'uuid', (c) => c.notNull().references('licenses.id'))
		.addColumn('host_id', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('activated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('activated_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('deactivated_at', 'timestamptz')
		.addColumn('deactivated_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('moved_to', 'uuid')
		.execute();
	await db.schema.createIndex('host_activations_account_version').on('host_activations').columns(['account_id', 'version']).execute();
	await db.schema
		.createIndex('host_activations_license_host_active')
		.on('host_activations')
		.columns(['license_id', 'host_id'])
		.unique()
		.where(sql.ref('deactivated_at'), 'is', null)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('host_activations').execute();
}
