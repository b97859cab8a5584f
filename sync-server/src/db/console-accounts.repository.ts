/**
 * The console's account list and an account's licenses: keyset pages (never OFFSET), each in an order an index of
 * migration 0016 holds, so the first page and the thousandth cost the same. `after` is the id of the last row read;
 * the next page starts after that row's own key (a row-value comparison against the row itself).
 */
import type { AccountSort, ConsoleAccountKind } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { containsPattern } from './sql-helpers.ts';

type Db = Kysely<Database>;

const CONSOLE_KINDS = ['customer', 'partner', 'oem'] as const;

/** Each sort's key columns (id last breaks ties), all ascending or all descending. */
const SORT_KEYS: Record<string, readonly string[]> = { name: ['name', 'id'], created: ['created_at', 'id'], kind: ['kind', 'name', 'id'] };

export type AccountListFilter = { sort: AccountSort; q?: string | undefined; kind?: ConsoleAccountKind | undefined; after?: string | undefined; limit: number };

export async function listAccounts(db: Db, filter: AccountListFilter) {
	const descending = filter.sort.startsWith('-');
	const keys = SORT_KEYS[filter.sort.replace('-', '')]!;
	const columns = sql.raw(keys.map((k) => `a.${k}`).join(', '));
	const cursorKey = sql.raw(keys.map((k) => `c.${k}`).join(', '));
	let query = db
		.selectFrom('accounts as a')
		.select(['a.id', 'a.name', 'a.kind', 'a.created_at'])
		.where('a.kind', 'in', filter.kind ? [filter.kind] : [...CONSOLE_KINDS]);
	if (filter.q) query = query.where('a.name', 'ilike', containsPattern(filter.q));
	if (filter.after) {
		const op = sql.raw(descending ? '<' : '>');
		query = query.where(sql<boolean>`(${columns}) ${op} (select ${cursorKey} from accounts c where c.id = ${filter.after})`);
	}
	for (const key of keys) query = query.orderBy(sql.ref(`a.${key}`), descending ? 'desc' : 'asc');
	return query.limit(filter.limit + 1).execute();
}

/** An account's own licenses, newest first. */
export async function listAccountLicenses(db: Db, accountId: string, page: { after?: string | undefined; limit: number }) {
	let query = db
		.selectFrom('licenses as l')
		.select(['l.id', 'l.account_id', 'l.sku', 'l.product_name', 'l.product_version', 'l.serial', 'l.seats', 'l.maintenance_end', 'l.status', 'l.origin', 'l.created_at', 'l.registration'])
		.where('l.account_id', '=', accountId);
	if (page.after) {
		query = query.where(sql<boolean>`(l.created_at, l.id) < (select c.created_at, c.id from licenses c where c.id = ${page.after} and c.account_id = ${accountId})`);
	}
	return query.orderBy('l.created_at', 'desc').orderBy('l.id', 'desc').limit(page.limit + 1).execute();
}

export type LicenseRow = Awaited<ReturnType<typeof listAccountLicenses>>[number];

export async function findLicense(db: Db, id: string): Promise<LicenseRow | undefined> {
	return db
		.selectFrom('licenses as l')
		.select(['l.id', 'l.account_id', 'l.sku', 'l.product_name', 'l.product_version', 'l.serial', 'l.seats', 'l.maintenance_end', 'l.status', 'l.origin', 'l.created_at', 'l.registration'])
		.where('l.id', '=', id)
		.executeTakeFirst();
}

export function findAccount(db: Db, id: string) {
	return db.selectFrom('accounts').select(['id', 'name', 'kind', 'created_at']).where('id', '=', id).executeTakeFirst();
}
