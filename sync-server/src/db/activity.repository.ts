import type { Kysely } from 'kysely';
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
