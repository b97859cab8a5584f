import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type ActivityEntry = {
	userId?: string | null;
	accountId?: string | null;
	action: string;
	details?: Record<string, unknown>;
	ip?: string | null;
	clientId?: string | null;
	mutationId?: number | null;
};

/** The journal: one row per state change, written in the same transaction as the change. */
export async function recordActivity(db: Kysely<Database>, entry: ActivityEntry): Promise<void> {
	await journalInsert(db, entry).execute();
}

/** The journal insert as a query, for writes that fold it into their own statement. */
export function journalInsert(db: Kysely<Database>, entry: ActivityEntry) {
	return db.insertInto('activity').values({
		user_id: entry.userId ?? null,
		account_id: entry.accountId ?? null,
		action: entry.action,
		details: JSON.stringify(entry.details ?? {}),
		ip: entry.ip ?? null,
		client_id: entry.clientId ?? null,
		mutation_id: entry.mutationId ?? null
	});
}

/**
 * The journal insert for a statement whose write may not happen, as SQL to put in a CTE: one row per row of the
 * CTE `ifRowsIn` (a write's RETURNING, zero or one row), so no journal row is left for a write that did not take
 * place. Raw SQL rather than a query builder: push builds it per mutation, and building showed in profiles.
 */
export function journalInsertIf(entry: ActivityEntry, ifRowsIn: string) {
	return sql`insert into activity (user_id, account_id, action, details, ip, client_id, mutation_id)
		select ${entry.userId ?? null}::uuid, ${entry.accountId ?? null}::uuid, ${entry.action}::text,
			${JSON.stringify(entry.details ?? {})}::jsonb, ${entry.ip ?? null}::text, ${entry.clientId ?? null}::uuid,
			${entry.mutationId ?? null}::integer
		from ${sql.table(ifRowsIn)}`;
}
