/**
 * Delegations of a customer account to a partner account. A delegation row syncs under the customer's account (its
 * admins list and revoke it; the partner's people learn their scope from it). Revoking keeps the row with
 * `revoked_at` and leaves a tombstone, so devices drop it while a partner's late operation can still be told why.
 */
import type { DelegationScope } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import { POKE_CHANNEL } from './accounts.repository.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export type GrantInput = { id: string; customerAccountId: string; partnerAccountId: string; scope: DelegationScope; version: number; grantedBy: string | null };

/** Grants, or changes the scope of (and revives) the one delegation per customer and partner; answers its id. */
export async function upsertDelegation(db: Db, input: GrantInput): Promise<{ id: string; created: boolean }> {
	const row = await db
		.insertInto('delegations')
		.values({ id: input.id, customer_account_id: input.customerAccountId, partner_account_id: input.partnerAccountId, scope: input.scope, version: input.version, granted_by: input.grantedBy })
		.onConflict((oc) =>
			oc.columns(['customer_account_id', 'partner_account_id']).doUpdateSet({ scope: input.scope, version: input.version, granted_by: input.grantedBy, revoked_at: null })
		)
		.returning(['id', sql<boolean>`xmax = 0`.as('created')])
		.executeTakeFirstOrThrow();
	return { id: row.id, created: row.created };
}

export async function findLiveDelegation(db: Db, customerAccountId: string, partnerAccountId: string) {
	return db
		.selectFrom('delegations')
		.select(['id', 'scope'])
		.where('customer_account_id', '=', customerAccountId)
		.where('partner_account_id', '=', partnerAccountId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
}

/** Marks a live delegation revoked at `version` and tombstones its synced row; null when there is none. */
export async function revokeDelegation(db: Db, input: { id: string; customerAccountId: string; version: number }) {
	const row = await db
		.updateTable('delegations')
		.set({ revoked_at: new Date(), version: input.version })
		.where('id', '=', input.id)
		.where('customer_account_id', '=', input.customerAccountId)
		.where('revoked_at', 'is', null)
		.returning(['partner_account_id'])
		.executeTakeFirst();
	if (!row) return null;
	await db.insertInto('tombstones').values({ account_id: input.customerAccountId, version: input.version, table_name: 'delegations', row_id: input.id }).execute();
	return { partnerAccountId: row.partner_account_id };
}

/** A partner the user belongs to whose delegation of this account was revoked: why an operation is refused now. */
export async function revokedDelegationFor(db: Db, userId: string, customerAccountId: string) {
	return db
		.selectFrom('delegations')
		.innerJoin('memberships', 'memberships.account_id', 'delegations.partner_account_id')
		.innerJoin('accounts as partner', 'partner.id', 'delegations.partner_account_id')
		.innerJoin('accounts as customer', 'customer.id', 'delegations.customer_account_id')
		.select(['partner.name as partnerName', 'customer.name as customerName'])
		.where('memberships.user_id', '=', userId)
		.where('delegations.customer_account_id', '=', customerAccountId)
		.where('delegations.revoked_at', 'is not', null)
		.executeTakeFirst();
}

export async function accountName(db: Db, accountId: string): Promise<string> {
	const row = await db.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirst();
	return row?.name ?? '';
}

/** A poke without a row change in the partner's accounts: its people re-read their scope and pull. */
export async function pokeAccount(db: Db, accountId: string): Promise<void> {
	await sql`select pg_notify(${POKE_CHANNEL}, ${accountId})`.execute(db);
}

/** The account a partner code names, with its kind: only partner accounts can hold a delegation. */
export async function accountByCode(db: Db, code: string) {
	return db
		.selectFrom('share_codes')
		.innerJoin('accounts', 'accounts.id', 'share_codes.account_id')
		.select(['accounts.id', 'accounts.name', 'accounts.kind'])
		.where('share_codes.code', '=', code)
		.executeTakeFirst();
}
