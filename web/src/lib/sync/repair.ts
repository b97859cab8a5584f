/**
 * Repairs of a client's queue when the server's idea of it differs from ours. Both rewrite the outbox and the
 * client record in one readwrite transaction, so a concurrent enqueue in another tab lands after and stays gapless.
 */
import type { KeyfieldDb, OutboxEntry } from '../db/db.ts';
import { newClient, writeClient, type ClientRecord } from '../db/clients.ts';
import { deleteMeta } from '../db/meta.ts';
import { clientEntries } from '../ops/outbox.ts';

function renumbered(entries: OutboxEntry[], clientId: string, firstId: number): OutboxEntry[] {
	// An entry the server no longer has must be sent again, whatever an earlier push said of it.
	return entries.map(({ appliedAt: _applied, ...entry }, i) => ({ ...entry, clientId, id: firstId + i }));
}

async function rewriteQueue(db: KeyfieldDb, userId: string, old: string, next: ClientRecord, entries: OutboxEntry[]) {
	await db.outbox.where('[clientId+id]').between([old, 0], [old, Infinity]).delete();
	await db.outbox.bulkAdd(entries);
	await writeClient(db, userId, next);
}

/**
 * 409 mutation_gap: the server has everything up to `serverLast` and nothing after, yet the next id we sent is
 * later (the server lost state, e.g. a restore from backup). Entries up to `serverLast` stay: the server replays
 * their stored results. The rest are renumbered to follow on without a gap: nothing typed is lost, nothing wedges.
 */
export function closeGap(db: KeyfieldDb, userId: string, client: ClientRecord, serverLast: number, log: Pick<Console, 'warn'>) {
	return db.transaction('rw', db.outbox, db.meta, async () => {
		const entries = await clientEntries(db, client.clientId);
		const known = entries.filter((e) => e.id <= serverLast);
		const lost = renumbered(
			entries.filter((e) => e.id > serverLast),
			client.clientId,
			serverLast + 1
		);
		log.warn(`keyfield sync: mutation gap (server has up to ${serverLast}); renumbering ${lost.length} queued operations from ${serverLast + 1}`);
		const next = { clientId: client.clientId, nextMutationId: serverLast + 1 + lost.length };
		await rewriteQueue(db, userId, client.clientId, next, [...known, ...lost]);
	});
}

/**
 * 403 client_owned_by_other_user: the server bound our client id to someone else (a reused server database).
 * Start a fresh client for this user and move the whole queue to it from id 1; the cursor was that client's too.
 */
export function replaceClient(db: KeyfieldDb, userId: string, client: ClientRecord, log: Pick<Console, 'warn'>) {
	return db.transaction('rw', db.outbox, db.meta, async () => {
		const fresh = newClient();
		const queue = renumbered(await clientEntries(db, client.clientId), fresh.clientId, 1);
		log.warn(`keyfield sync: client id taken by another user; moving ${queue.length} queued operations to a new client`);
		await rewriteQueue(db, userId, client.clientId, { clientId: fresh.clientId, nextMutationId: queue.length + 1 }, queue);
		await deleteMeta(db, 'cursor');
	});
}
