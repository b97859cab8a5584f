/** Push bookkeeping: the client row (owner + last applied mutation id) and the stored result of every mutation. */
import type { Kysely } from 'kysely';
import type { Database, StoredResult } from './schema.ts';

type Db = Kysely<Database>;

/**
 * Creates the client row on first contact, claiming it for this user, and reads it; `lock` holds the row for the
 * rest of the transaction (push: one writer per client at a time). Without the lock (pull) it is one statement: the
 * row just inserted, else the existing one (which the insert's snapshot shows, so exactly one of the two).
 */
export async function claimClient(db: Db, clientId: string, userId: string, { lock }: { lock: boolean }) {
	const insert = db.insertInto('clients').values({ id: clientId, user_id: userId }).onConflict((oc) => oc.column('id').doNothing());
	const existing = db.selectFrom('clients').select(['user_id', 'last_mutation_id']).where('id', '=', clientId);
	if (lock) {
		await insert.execute();
		return existing.forUpdate().executeTakeFirstOrThrow();
	}
	return db
		.with('claimed', () => insert.returning(['user_id', 'last_mutation_id']))
		.selectFrom('claimed')
		.select(['user_id', 'last_mutation_id'])
		.unionAll(existing)
		.executeTakeFirstOrThrow();
}

export async function storedResults(db: Db, clientId: string, fromId: number, toId: number): Promise<StoredResult[]> {
	const rows = await db
		.selectFrom('mutation_results')
		.select('result')
		.where('client_id', '=', clientId)
		.where('mutation_id', '>=', fromId)
		.where('mutation_id', '<=', toId)
		.orderBy('mutation_id')
		.execute();
	return rows.map((r) => r.result);
}

/** Stores a push's new results and advances the client, once per push (the client row is locked throughout). */
export async function storeResults(db: Db, clientId: string, results: readonly StoredResult[]): Promise<void> {
	if (results.length === 0) return;
	await db
		.insertInto('mutation_results')
		.values(results.map((r) => ({ client_id: clientId, mutation_id: r.id, result: JSON.stringify(r) })))
		.execute();
	await db.updateTable('clients').set({ last_mutation_id: results.at(-1)!.id }).where('id', '=', clientId).execute();
}
