import { sql, type RawBuilder } from 'kysely';

/**
 * `column = ANY(<uuid[]>)` with the list sent as one text parameter: one bind value for 5,000 ids, and no
 * reliance on how each driver (pg, PGlite) encodes JS arrays.
 */
export function inUuids(column: string, ids: readonly string[]): RawBuilder<boolean> {
	return sql<boolean>`${sql.ref(column)} = any(string_to_array(${ids.join(',')}, ',')::uuid[])`;
}

export type AccountSince = { accountId: string; since: number };

/** `%text%` for LIKE/ILIKE with its wildcards taken literally (backslash is the default escape). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
