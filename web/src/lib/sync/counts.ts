/** The numbers the status bar shows, for the signed-in user only. */
import type { KeyfieldDb } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';

export interface QueueCounts {
	pendingCount: number; // queued and not yet confirmed by a pull
	unsentCount: number; // not yet accepted by a push: a rise means something new to send
	attentionCount: number;
}

export async function queueCounts(db: KeyfieldDb): Promise<QueueCounts> {
	const user = await getMeta(db, 'user');
	if (!user) return { pendingCount: 0, unsentCount: 0, attentionCount: 0 };
	const entries = await db.outbox.where('userId').equals(user.id).toArray();
	const attentionCount = await db.attention.where('userId').equals(user.id).count();
	return { pendingCount: entries.length, unsentCount: entries.filter((e) => !e.appliedAt).length, attentionCount };
}
