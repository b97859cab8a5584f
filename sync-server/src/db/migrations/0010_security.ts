/**
 * Frozen. Security of accounts: 2-step verification per user (a TOTP secret while enrolling and once enabled, the
 * last time step used so a code works once, hashed single-use recovery codes), sessions that can be listed and
 * revoked by id, and the activity journal hash-chained per account (each row keeps the previous row's hash and its
 * own; `activity_heads` holds each chain's last link, updated in the same statement that appends). Rows journaled before this migration are outside the chains (chain_seq null).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('user_totp')
		.addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id'))
		.addColumn('secret', 'text', (c) => c.notNull())
		.addColumn('enabled_at', 'timestamptz')
		.addColumn('last_step', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('recovery_codes')
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('used_at', 'timestamptz')
		.addPrimaryKeyConstraint('recovery_codes_pkey', ['user_id', 'code_hash'])
		.execute();

	await db.schema.alterTable('sessions').addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`)).execute();
	await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
	await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();
	await db.schema.createIndex('sessions_id').on('sessions').column('id').unique().execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema.alterTable('activity').addColumn('chain_seq', 'bigint').execute();
	await db.schema.alterTable('activity').addColumn('prev_hash', 'bytea').execute();
	await db.schema.alterTable('activity').addColumn('hash', 'bytea').execute();
	// One chain per account; rows without an account (sign-ins, catalog changes) form the nil-uuid chain. No index of
	// its own: the head's row lock orders appends, and a check reads an account's rows through activity_account_at.
	await db.schema
		.createTable('activity_heads')
		.addColumn('chain_id', 'uuid', (c) => c.primaryKey())
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.addColumn('prev_hash', 'bytea')
		.addColumn('hash', 'bytea', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('activity_heads').execute();
	for (const column of ['hash', 'prev_hash', 'chain_seq']) await db.schema.alterTable('activity').dropColumn(column).execute();
	await db.schema.dropIndex('sessions_user').execute();
	await db.schema.dropIndex('sessions_id').execute();
	for (const column of ['ip', 'user_agent', 'id']) await db.schema.alterTable('sessions').dropColumn(column).execute();
	await db.schema.dropTable('recovery_codes').execute();
	await db.schema.dropTable('user_totp').execute();
}
