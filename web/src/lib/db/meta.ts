/** Typed access to the `meta` table: one row per key, so each value is written atomically with what it belongs to. */
import type { AccountSummary, PublicKeyEntry, Registration, User } from '@keyfield/shared';
import type { KeyfieldDb } from './db.ts';

export interface CursorRecord {
	clientId: string; // the server keeps the cursor's per-account map per client, so a cursor is only good for it
	cursor: string;
}

export interface PublicKeysRecord {
	keys: PublicKeyEntry[];
	fetchedAt: string;
}

/** Keys with one value each; per-user and per-account values use the helpers below. */
interface MetaValues {
	user: User;
	accounts: AccountSummary[];
	currentAccountId: string;
	cursor: CursorRecord;
	// The accounts the server tables may hold rows of: the scope of the last pull page applied (see apply-pull.ts).
	scope: string[];
	publicKeys: PublicKeysRecord;
	lastSyncAt: string;
	persistAsked: boolean;
	signOutPending: boolean; // signed out offline: tell the server (drop the cookie's session) once online
}
export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(db: KeyfieldDb, key: K): Promise<MetaValues[K] | undefined> {
	return (await db.meta.get(key))?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: KeyfieldDb, key: K, value: MetaValues[K]): Promise<void> {
	await db.meta.put({ key, value });
}

export async function deleteMeta(db: KeyfieldDb, ...keys: MetaKey[]): Promise<void> {
	await db.meta.bulkDelete(keys);
}

const REGISTRATION_PREFIX = 'lastRegistration:';

export function lastRegistrationKey(accountId: string): string {
	return REGISTRATION_PREFIX + accountId;
}

export async function getLastRegistration(db: KeyfieldDb, accountId: string): Promise<Registration | undefined> {
	return (await db.meta.get(lastRegistrationKey(accountId)))?.value as Registration | undefined;
}

/** Registrations are the signed-in user's typing; they leave the device with the user's other data. */
export async function deleteLastRegistrations(db: KeyfieldDb): Promise<void> {
	await db.meta.where('key').startsWith(REGISTRATION_PREFIX).delete();
}
