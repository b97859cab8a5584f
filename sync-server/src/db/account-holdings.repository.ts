/**
 * What one account holds, for the console's customer page: certificates (with how many serials and how many are
 * registered), contracts, agreements, vouchers it redeemed, seat pools, its members, delegations and approved
 * email domains. Every query is by the one
 * account, through an index on its account column; each list stops at `cap` rows (its licenses and journal page
 * separately).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export function accountCertificates(db: Db, accountId: string, cap: number) {
	return db
		.selectFrom('certificates as c')
		.innerJoin('products as p', 'p.id', 'c.product_id')
		.select(['c.id', 'p.sku', 'p.name as product_name', 'c.quantity', 'c.maintenance_end', 'c.created_at'])
		// One pass over each certificate's serials (at most 1,000 each: the API's serialCount) for both counts.
		.select(sql<{ serials: number; registered: number }>`(select json_build_object('serials', count(*), 'registered', count(s.license_id)) from serials s where s.certificate_id = c.id)`.as('counts'))
		.where('c.account_id', '=', accountId)
		.orderBy('c.created_at', 'desc')
		.orderBy('c.id')
		.limit(cap)
		.execute();
}

export function accountContracts(db: Db, accountId: string, cap: number) {
	return db
		.selectFrom('contracts as k')
		.innerJoin('products as p', 'p.id', 'k.product_id')
		.select(['k.id', 'p.sku', 'p.name as product_name', 'k.seats', 'k.starts_on', 'k.ends_on', 'k.channel', 'k.revision', 'k.pending_renewal_id'])
		.where('k.account_id', '=', accountId)
		.orderBy('k.ends_on')
		.orderBy('k.id')
		.limit(cap)
		.execute();
}

export async function accountAgreements(db: Db, accountId: string, cap: number) {
	const agreements = await db
		.selectFrom('agreements')
		.select(['id', 'name', 'starts_on', 'ends_on'])
		.where('account_id', '=', accountId)
		.orderBy('ends_on', 'desc')
		.limit(cap)
		.execute();
	if (agreements.length === 0) return [];
	const products = await db
		.selectFrom('agreement_products')
		.select(['agreement_id', 'sku', 'seat_cap', 'seats_used'])
		.where('account_id', '=', accountId)
		.orderBy('sku')
		.execute();
	return agreements.map((a) => ({ ...a, products: products.filter((p) => p.agreement_id === a.id) }));
}

export function accountVouchers(db: Db, accountId: string, cap: number) {
	return db
		.selectFrom('vouchers as v')
		.innerJoin('voucher_batches as b', 'b.id', 'v.batch_id')
		.innerJoin('products as p', 'p.id', 'b.product_id')
		.leftJoin('users as u', 'u.id', 'v.redeemed_by')
		.select(['v.code', 'p.sku', 'b.seats', 'v.redeemed_at', 'u.email as redeemed_by', 'v.license_id'])
		.where('v.redeemed_account_id', '=', accountId)
		.orderBy('v.redeemed_at', 'desc')
		.limit(cap)
		.execute();
}

export function accountSeatPools(db: Db, accountId: string, cap: number) {
	return db
		.selectFrom('seat_pools as s')
		.innerJoin('products as p', 'p.id', 's.product_id')
		.select(['p.sku', 'p.name as product_name', 's.owned', 's.assigned'])
		.where('s.account_id', '=', accountId)
		.orderBy('p.sku')
		.limit(cap)
		.execute();
}

export function accountDomains(db: Db, accountId: string, cap: number) {
	return db
		.selectFrom('approved_domains')
		.select(['domain', 'status', 'method', 'approved_at'])
		.where('account_id', '=', accountId)
		.orderBy('domain')
		.limit(cap)
		.execute();
}

export function accountMembers(db: Db, accountId: string, cap: number) {
	return db
		.selectFrom('memberships as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.email', 'u.name', 'm.role', 'm.created_at'])
		.where('m.account_id', '=', accountId)
		.orderBy('u.email')
		.limit(cap)
		.execute();
}

/** Both directions: partners this customer delegated to, and customers that delegated to this partner. */
export function accountDelegations(db: Db, accountId: string, cap: number) {
	return db
		.selectFrom('delegations as d')
		.innerJoin('accounts as o', (join) =>
			join.on(sql<boolean>`o.id = case when d.customer_account_id = ${accountId} then d.partner_account_id else d.customer_account_id end`)
		)
		.select(['d.id', 'd.scope', 'd.created_at', 'o.id as other_id', 'o.name as other_name', 'o.kind as other_kind'])
		.select(sql<'to' | 'from'>`case when d.customer_account_id = ${accountId} then 'to' else 'from' end`.as('direction'))
		.where((eb) => eb.or([eb('d.customer_account_id', '=', accountId), eb('d.partner_account_id', '=', accountId)]))
		.where('d.revoked_at', 'is', null) // a revoked delegation is kept (late operations name it) but no longer held
		.orderBy('o.name')
		.limit(cap)
		.execute();
}

/** How many licenses, counting no further than `cap` + 1: a page shows "10,000+" for a big customer in the time of 10,000. */
export async function countAccountLicenses(db: Db, accountId: string, cap: number): Promise<number> {
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from (select 1 from licenses where account_id = ${accountId} limit ${cap + 1}) l`.execute(db);
	return rows[0]!.n;
}
