/** The server's signing public keys, cached in `meta` so keys verify on the device with no connection. */
import { PublicKeysResponse, type PublicKeyEntry } from '@keyfield/shared';
import type { KeyfieldDb } from '../db/db.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { callApi, type Fetch } from '../sync/api.ts';

/** Keys rotate rarely; a day keeps a device current without asking on every sync. */
export const PUBLIC_KEYS_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export async function cachedPublicKeys(db: KeyfieldDb): Promise<PublicKeyEntry[]> {
	return (await getMeta(db, 'publicKeys'))?.keys ?? [];
}

/** Fetches and caches the keys; on failure returns what is cached (offline is normal, not an error). */
export async function fetchPublicKeys(db: KeyfieldDb, fetch: Fetch, now: Date = new Date()): Promise<PublicKeyEntry[]> {
	const res = await callApi(fetch, '/api/keys', PublicKeysResponse);
	if (!res.ok) return cachedPublicKeys(db);
	await setMeta(db, 'publicKeys', { keys: res.data.keys, fetchedAt: now.toISOString() });
	return res.data.keys;
}

/** Called after a successful sync: refreshes the cache when it is missing or older than a day. */
export async function refreshPublicKeys(db: KeyfieldDb, fetch: Fetch, now: Date = new Date()): Promise<void> {
	const cached = await getMeta(db, 'publicKeys');
	if (cached && now.getTime() - Date.parse(cached.fetchedAt) < PUBLIC_KEYS_MAX_AGE_MS) return;
	await fetchPublicKeys(db, fetch, now);
}
