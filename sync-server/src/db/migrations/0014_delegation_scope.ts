/**
 * Frozen. Partner delegation as a customer admin's queued operation: a delegation has a scope (`read`: the
 * partner's people only view; `manage`: they act by their role), syncs to the customer's and the partner's devices
 * (version, under the customer's account), and is revoked softly (`revoked_at`) so a partner's operation queued
 * before the revoke is told why it was refused. Accounts get the "require 2-step verification" policy.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('delegations')
		.addColumn('scope', 'text', (c) => c.notNull().defaultTo('manage').check(sql`scope in ('read', 'manage')`))
		.execute();
	await db.schema.alterTable('delegations').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('delegations').addColumn('granted_by', 'text').execute();
	await db.schema.alterTable('delegations').addColumn('revoked_at', 'timestamptz').execute();
	await db.schema.createIndex('delegations_customer_version').on('delegations').columns(['customer_account_id', 'version']).execute();
	await db.schema.alterTable('accounts').addColumn('require_two_step', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('accounts').dropColumn('require_two_step').execute();
	await db.schema.dropIndex('delegations_customer_version').execute();
	for (const column of ['revoked_at', 'granted_by', 'version', 'scope']) await db.schema.alterTable('delegations').dropColumn(column).execute();
}
