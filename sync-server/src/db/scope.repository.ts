/**
 * Who may see which account. Scope = accounts the user is a member of + customer accounts delegated to any of
 * those accounts (partners) + the catalog. Delegated accounts carry no direct role: acting on them uses the
 * user's role in the partner account that holds the delegation.
 */
import { CATALOG_ACCOUNT_ID, type AccountReach, type AccountSummary, type DelegationScope } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** The user's scope as a query of one column, `account_id` (pull reads it inside its own first statement). */
export function scopeQuery(db: Db, userId: string) {
	return db
		.selectFrom('memberships')
		.select('account_id')
		.where('user_id', '=', userId)
		.union(
			db
				.selectFrom('delegations')
				.innerJoin('memberships', 'memberships.account_id', 'delegations.partner_account_id')
				.select('delegations.customer_account_id as account_id')
				.where('memberships.user_id', '=', userId)
				.where('delegations.revoked_at', 'is', null)
		)
		.union(db.selectNoFrom(sql<string>`${CATALOG_ACCOUNT_ID}::uuid`.as('account_id')));
}

export async function scopeAccountIds(db: Db, userId: string): Promise<string[]> {
	const rows = await scopeQuery(db, userId).execute();
	return rows.map((r) => r.account_id).sort();
}

export type AccountAccess = AccountReach & { partnerNames: string[] };

/** How the user reaches one account, or null when it is outside their scope (one round trip: push runs it per mutation).
 * Through a delegation, the reach carries its scope and the partner's name (for "Northwind may only view …"). */
export async function accountAccess(db: Db, userId: string, accountId: string): Promise<AccountAccess | null> {
	const rows = await db
		.selectFrom('memberships')
		.select(['role', sql<boolean>`true`.as('direct'), sql<DelegationScope>`'manage'`.as('scope'), sql<string>`''`.as('partner_name')])
		.where('user_id', '=', userId)
		.where('account_id', '=', accountId)
		.unionAll(
			db
				.selectFrom('delegations')
				.innerJoin('memberships', 'memberships.account_id', 'delegations.partner_account_id')
				.innerJoin('accounts', 'accounts.id', 'delegations.partner_account_id')
				.select(['memberships.role', sql<boolean>`false`.as('direct'), 'delegations.scope', 'accounts.name as partner_name'])
				.where('memberships.user_id', '=', userId)
				.where('delegations.customer_account_id', '=', accountId)
				.where('delegations.revoked_at', 'is', null)
		)
		.execute();
	if (rows.length === 0) return null;
	const partners = rows.filter((r) => !r.direct);
	return {
		directRole: rows.find((r) => r.direct)?.role ?? null,
		partnerRoles: partners.map((r) => ({ role: r.role, scope: r.scope })),
		partnerNames: [...new Set(partners.map((r) => r.partner_name))]
	};
}

/** The accounts a user works in, for the session: direct memberships with their role, then delegated ones. */
export async function accountSummaries(db: Db, userId: string): Promise<AccountSummary[]> {
	const direct = await db
		.selectFrom('memberships')
		.innerJoin('accounts', 'accounts.id', 'memberships.account_id')
		.select(['accounts.id', 'accounts.name', 'accounts.kind', 'memberships.role'])
		.where('memberships.user_id', '=', userId)
		.orderBy('accounts.name')
		.execute();
	const delegated = await db
		.selectFrom('delegations')
		.innerJoin('memberships', 'memberships.account_id', 'delegations.partner_account_id')
		.innerJoin('accounts', 'accounts.id', 'delegations.customer_account_id')
		.select(['accounts.id', 'accounts.name', 'accounts.kind'])
		.distinct()
		.where('memberships.user_id', '=', userId)
		.where('delegations.revoked_at', 'is', null)
		.orderBy('accounts.name')
		.execute();
	const seen = new Set(direct.map((a) => a.id));
	return [
		...direct,
		...delegated.filter((a) => !seen.has(a.id)).map((a) => ({ ...a, role: null }))
	];
}
