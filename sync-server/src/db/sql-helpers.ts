import { sql, type RawBuilder } from 'kysely';

/**
 * `column = ANY(<uuid[]>)` with the list sent as one text parameter: one bind value for 5,000 ids, and no
 * reliance on how each driver (pg, PGlite) encodes JS arrays.
 */
export function inUuids(column: string, ids: readonly string[]): RawBuilder<boolean> {
	return sql<boolean>`${sql.ref(column)} = any(string_to_array(${ids.join(',')}, ',')::uuid[])`;
}

export type AccountSince = { accountId: string; since: number };

/**
 * The (account_id, since) pairs as a table `c`, to join or LATERAL-join per account: one statement reads the
 * changes of many accounts, each still through its own `account_id = c.account_id AND version > c.since` range of
 * an (account_id, version) index. Sent as two text parameters, like `inUuids`.
 */
export function accountSinceTable(accounts: readonly AccountSince[]) {
	const ids = accounts.map((a) => a.accountId).join(',');
	const versions = accounts.map((a) => a.since).join(',');
	return sql<{ account_id: string; since: number }>`(
		select * from unnest(string_to_array(${ids}, ',')::uuid[], string_to_array(${versions}, ',')::int[]) as t(account_id, since))`.as('c');
}

/** `%text%` for LIKE/ILIKE with its wildcards taken literally (backslash is the default escape). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
