/** "Needs attention": operations the server rejected, with its reason, until the user retries or discards them. */
import { liveQuery, type Observable } from 'dexie';
import type { OperationArgs, OperationName } from '@keyfield/shared';
import { getDb, type AttentionItem, type KeyfieldDb } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';
import { enqueue } from '../ops/enqueue.ts';

/** Only the signed-in user's items: another user's rejected operations hold their typing. */
export async function signedInItems(db: KeyfieldDb): Promise<AttentionItem[]> {
	const user = await getMeta(db, 'user');
	if (!user) return [];
	const items = await db.attention.where('userId').equals(user.id).toArray();
	return items.sort((a, b) => b.rejectedAt.localeCompare(a.rejectedAt) || b.id - a.id);
}

export function attentionView(db: KeyfieldDb = getDb()): Observable<AttentionItem[]> {
	return liveQuery(() => signedInItems(db));
}

async function findItem(db: KeyfieldDb, id: number): Promise<AttentionItem | undefined> {
	return (await signedInItems(db)).find((item) => item.id === id);
}

export async function discardAttention(id: number, db: KeyfieldDb = getDb()): Promise<void> {
	await db.transaction('rw', db.meta, db.attention, async () => {
		const item = await findItem(db, id);
		if (item) await db.attention.delete([item.clientId, item.id]);
	});
}

/**
 * Queues the corrected operation as a new mutation (the rejected id is spent on the server) and removes the item,
 * in one transaction: invalid args throw the ZodError and leave the item where it was.
 */
export function retryAttention<N extends OperationName>(
	id: number,
	name: N,
	args: OperationArgs<N>,
	db: KeyfieldDb = getDb()
): Promise<number> {
	return db.transaction('rw', db.meta, db.outbox, db.attention, async () => {
		const item = await findItem(db, id);
		const mutationId = await enqueue(name, args, db);
		if (item) await db.attention.delete([item.clientId, item.id]);
		return mutationId;
	});
}
