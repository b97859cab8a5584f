/** Reads of the outbox that views and the sync engine share. */
import type { KeyfieldDb, OutboxEntry } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';

/** One client's entries in mutation id order (the compound primary key sorts them). */
export function clientEntries(db: KeyfieldDb, clientId: string): Promise<OutboxEntry[]> {
	return db.outbox.where('[clientId+id]').between([clientId, 0], [clientId, Infinity]).toArray();
}

/** The signed-in user's queue: what they see as pending. Another user's queue is never shown or pushed. */
export async function signedInEntries(db: KeyfieldDb): Promise<OutboxEntry[]> {
	const user = await getMeta(db, 'user');
	if (!user) return [];
	const entries = await db.outbox.where('userId').equals(user.id).toArray();
	return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
}
