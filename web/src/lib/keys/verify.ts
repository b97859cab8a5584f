/** Verifies a license key's Ed25519 signature on the device (DESIGN §5), offline with the cached public keys. */
import { decodeLicenseKey, verifyLicenseKey, type KeyVerification } from '@keyfield/shared';
import { getDb, type KeyfieldDb } from '../db/db.ts';
import { defaultFetch, type Fetch } from '../sync/api.ts';
import { cachedPublicKeys, fetchPublicKeys } from './public-keys.ts';

export async function verifyKeyOnDevice(key: string, db: KeyfieldDb = getDb(), fetch: Fetch = defaultFetch): Promise<KeyVerification> {
	let keys = await cachedPublicKeys(db);
	const kid = decodeLicenseKey(key)?.kid;
	// A key signed with a key id we have not cached yet (first run, or a rotation): ask the server once.
	if (kid !== undefined && !keys.some((entry) => entry.kid === kid)) keys = await fetchPublicKeys(db, fetch);
	return verifyLicenseKey(key, keys);
}
