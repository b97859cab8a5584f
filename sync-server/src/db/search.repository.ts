/**
 * The console search's look-ups, one per kind of identifier, each by a unique index (codes, ids, emails) or, for
 * account names, by the prefix index of migration 0016. Codes arrive normalised and checked (shared parseCode).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

const accountColumns = ['id', 'name', 'kind', 'created_at'] as const;

export function findSerial(db: Db, serial: string) {
	return db
		.selectFrom('serials as s')
		.innerJoin('certificates as c', 'c.id', 's.certificate_id')
		.innerJoin('products as p', 'p.id', 'c.product_id')
		.leftJoin('accounts as a', 'a.id', 'c.account_id')
		.select(['s.serial', 's.license_id', 'c.id as certificate_id', 'p.sku', 'p.name as product_name', 'c.quantity', 'c.maintenance_end', 'c.created_at'])
		.select(['a.id as account_id', 'a.name as account_name', 'a.kind as account_kind'])
		.where('s.serial', '=', serial)
		.executeTakeFirst();
}

export function findVoucher(db: Db, code: string) {
	return db
		.selectFrom('vouchers as v')
		.innerJoin('voucher_batches as b', 'b.id', 'v.batch_id')
		.innerJoin('products as p', 'p.id', 'b.product_id')
		.leftJoin('users as u', 'u.id', 'v.redeemed_by')
		.select(['v.code', 'v.batch_id', 'p.sku', 'p.name as product_name', 'b.seats', 'b.expires_on', 'b.restricted_account_id'])
		.select(['v.voided_at', 'v.redeemed_at', 'u.email as redeemed_by', 'v.redeemed_account_id', 'v.license_id'])
		.where('v.code', '=', code)
		.executeTakeFirst();
}

export function findNotification(db: Db, code: string) {
	return db
		.selectFrom('upgrade_notifications')
		.select(['id', 'account_id', 'code', 'sku', 'target_sku', 'quantity', 'used', 'expires_on'])
		.where('code', '=', code)
		.executeTakeFirst();
}

export function findAccountsByIds(db: Db, ids: readonly string[]) {
	if (ids.length === 0) return Promise.resolve([]);
	return db.selectFrom('accounts').select(accountColumns).where('id', 'in', ids).execute();
}

export async function findAccountByShareCode(db: Db, code: string) {
	const row = await db.selectFrom('share_codes').select('account_id').where('code', '=', code).executeTakeFirst();
	return row ? findAccountsByIds(db, [row.account_id]) : [];
}

/** Customer, partner and OEM accounts whose name starts with the text (any case). */
export function findAccountsByNamePrefix(db: Db, text: string, limit: number) {
	const prefix = `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return db
		.selectFrom('accounts')
		.select(accountColumns)
		.where(sql<boolean>`lower(name) like ${prefix}`)
		.where('kind', 'in', ['customer', 'partner', 'oem'])
		.orderBy(sql`lower(name)`)
		.orderBy('id')
		.limit(limit)
		.execute();
}

export function findUsers(db: Db, by: { id: string } | { email: string }) {
	const query = db.selectFrom('users').select(['id', 'email', 'name', 'vendor', 'created_at']);
	return ('id' in by ? query.where('id', '=', by.id) : query.where('email', '=', by.email.toLowerCase())).execute();
}

export function userMemberships(db: Db, userIds: readonly string[]) {
	if (userIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('memberships as m')
		.innerJoin('accounts as a', 'a.id', 'm.account_id')
		.select(['m.user_id', 'm.role', 'a.id', 'a.name', 'a.kind'])
		.where('m.user_id', 'in', userIds)
		.orderBy('a.name')
		.execute();
}
