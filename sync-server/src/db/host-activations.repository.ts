/**
 * Host activations. A license is looked up only within the accounts the user can reach (`inUserScope`), and an
 * activation only under a license found that way, so neither is ever read or locked in another account: it simply
 * is not found.
 *
 * Race safety: a seat is counted and taken while the license row is locked (`lockLicense`), so two activations of
 * one license at the seat limit run one after the other and the second sees the first. Every host write locks the
 * license first, then the activation, always in that order.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** `account_id` is one the user reaches: a membership, or a delegation to an account they are a member of. */
function inUserScope(userId: string, column: string): Expression<SqlBool> {
	return sql<SqlBool>`${sql.ref(column)} in (
		select m.account_id from memberships m where m.user_id = ${userId}
		union select d.customer_account_id from delegations d join memberships m on m.account_id = d.partner_account_id where m.user_id = ${userId} and d.revoked_at is null)`;
}

export async function lockLicense(db: Db, userId: string, licenseId: string) {
	return db
		.selectFrom('licenses')
		.select(['id', 'account_id', 'status', 'seats', 'sku', 'product_version', 'maintenance_end'])
		.where('id', '=', licenseId)
		.where(inUserScope(userId, 'account_id'))
		.forUpdate()
		.executeTakeFirst();
}
export type LockedLicense = NonNullable<Awaited<ReturnType<typeof lockLicense>>>;

/** Called with the license locked (the license is always locked first). */
export async function lockActivation(db: Db, activationId: string, licenseId: string) {
	return db
		.selectFrom('host_activations')
		.select(['id', 'account_id', 'license_id', 'host_id', 'deactivated_at'])
		.where('id', '=', activationId)
		.where('license_id', '=', licenseId)
		.forUpdate()
		.executeTakeFirst();
}

/** The hosts holding a seat of the license now (call with the license locked). */
export async function activeHosts(db: Db, licenseId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('host_activations')
		.select('host_id')
		.where('license_id', '=', licenseId)
		.where('deactivated_at', 'is', null)
		.execute();
	return rows.map((r) => r.host_id);
}

export type NewActivation = { id: string; accountId: string; version: number; licenseId: string; hostId: string; key: string; activatedBy: string };

/** False when the activation id is taken already (nothing written then). */
export async function insertActivation(db: Db, a: NewActivation): Promise<boolean> {
	const row = await db
		.insertInto('host_activations')
		.values({ id: a.id, account_id: a.accountId, version: a.version, license_id: a.licenseId, host_id: a.hostId, key: a.key, activated_by: a.activatedBy })
		.onConflict((oc) => oc.column('id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

export async function deactivate(db: Db, d: { id: string; version: number; deactivatedBy: string; movedTo?: string }): Promise<void> {
	await db
		.updateTable('host_activations')
		.set({ version: d.version, deactivated_at: sql<Date>`now()`, deactivated_by: d.deactivatedBy, moved_to: d.movedTo ?? null })
		.where('id', '=', d.id)
		.execute();
}
