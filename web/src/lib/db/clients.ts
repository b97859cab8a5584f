/**
 * Client identity (DESIGN §4). The server binds a client id to the first user who pushes with it and answers
 * 403 `client_owned_by_other_user` to anyone else, so each user on this device gets their own client id with its
 * own gapless mutation counter. A user's record outlives sign-out: their queue waits for them.
 */
import type { KeyfieldDb } from './db.ts';

export interface ClientRecord {
	clientId: string;
	nextMutationId: number;
}

function clientKey(userId: string): string {
	return `client:${userId}`;
}

export function newClient(): ClientRecord {
	return { clientId: crypto.randomUUID(), nextMutationId: 1 };
}

/** The stored record, if any. Read it inside the transaction that will write it back. */
export async function storedClient(db: KeyfieldDb, userId: string): Promise<ClientRecord | undefined> {
	return (await db.meta.get(clientKey(userId)))?.value as ClientRecord | undefined;
}

export async function writeClient(db: KeyfieldDb, userId: string, record: ClientRecord): Promise<void> {
	await db.meta.put({ key: clientKey(userId), value: record });
}

/** The user's client record, created once (atomic across tabs: one readwrite transaction). */
export function ensureClient(db: KeyfieldDb, userId: string): Promise<ClientRecord> {
	return db.transaction('rw', db.meta, async () => {
		const existing = await storedClient(db, userId);
		if (existing) return existing;
		const created = newClient();
		await writeClient(db, userId, created);
		return created;
	});
}
