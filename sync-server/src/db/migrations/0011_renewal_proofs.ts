/**
 * Frozen. Renewals, continued: a contract's own reminder lead times (synced, shared by its account) and the
 * activation code issued with a confirmed revision; proof-of-purchase uploads for renewal requests. The bytes live
 * in Postgres (bytea chunks, at most 10 MB an upload), not on a process's disk, so any server process behind a load
 * balancer takes the next chunk of an upload another one started, and PGlite keeps them the same way.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('contracts').addColumn('reminder_leads', 'jsonb').execute();
	await db.schema.alterTable('contracts').addColumn('activation_code', 'text').execute();

	await db.schema
		.createTable('proof_uploads')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('contract_id', 'uuid', (c) => c.notNull().references('contracts.id'))
		.addColumn('renewal_id', 'uuid', (c) => c.notNull())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('completed_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		// The same bytes for the same contract are kept once, whatever upload id a retry carries.
		.addUniqueConstraint('proof_uploads_account_contract_sha256', ['account_id', 'contract_id', 'sha256'])
		.execute();

	await db.schema
		.createTable('proof_chunks')
		.addColumn('upload_id', 'uuid', (c) => c.notNull().references('proof_uploads.id').onDelete('cascade'))
		.addColumn('account_id', 'uuid', (c) => c.notNull())
		.addColumn('start', 'integer', (c) => c.notNull())
		.addColumn('bytes', 'bytea', (c) => c.notNull())
		.addPrimaryKeyConstraint('proof_chunks_pk', ['upload_id', 'start'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('proof_chunks').execute();
	await db.schema.dropTable('proof_uploads').execute();
	await db.schema.alterTable('contracts').dropColumn('activation_code').execute();
	await db.schema.alterTable('contracts').dropColumn('reminder_leads').execute();
}
