/** Persistent storage (DESIGN §7): asked once after sign-in, so the browser does not evict an offline queue. */
import type { KeyfieldDb } from '../db/db.ts';
import { getMeta, setMeta } from '../db/meta.ts';

export type Storage = Pick<StorageManager, 'persist' | 'persisted'>;

/** Whether storage is persistent now; null where the browser has no such API. */
export async function storagePersisted(storage: Storage | undefined): Promise<boolean | null> {
	if (!storage?.persisted) return null;
	return storage.persisted();
}

/** Asks the browser once per device (asking again only nags); afterwards reports the current state. */
export async function askPersistence(db: KeyfieldDb, storage: Storage | undefined): Promise<boolean | null> {
	if (!storage?.persist) return null;
	if ((await storage.persisted()) || (await getMeta(db, 'persistAsked'))) return storage.persisted();
	await setMeta(db, 'persistAsked', true);
	return storage.persist();
}
