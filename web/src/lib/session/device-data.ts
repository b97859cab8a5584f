/**
 * What the device keeps about who is signed in. The user and their accounts are cached in `meta` so an offline
 * reload still knows them; signing out (or another user signing in) removes everything the server sent for the
 * previous user. Outbox entries and rejected items stay: they carry their userId and wait for that user.
 */
import { CATALOG_ACCOUNT_ID, type AccountSummary, type SessionInfo } from '@keyfield/shared';
import type { KeyfieldDb } from '../db/db.ts';
import { deleteLastRegistrations, deleteMeta, getMeta, setMeta } from '../db/meta.ts';

export interface CachedSession {
	info: SessionInfo;
	currentAccountId: string | null;
}

/** Workspaces to pick from: the catalog pseudo-account is in everyone's scope but is nobody's workspace. */
export function workspaces(accounts: AccountSummary[]): AccountSummary[] {
	return accounts.filter((account) => account.id !== CATALOG_ACCOUNT_ID && account.kind !== 'catalog');
}

function pickAccount(accounts: AccountSummary[], preferred: string | null | undefined): string | null {
	const choices = workspaces(accounts);
	if (preferred && choices.some((account) => account.id === preferred)) return preferred;
	return (choices.find((account) => account.role !== null) ?? choices[0])?.id ?? null;
}

export async function readCachedSession(db: KeyfieldDb): Promise<CachedSession | null> {
	const [user, accounts, current] = await Promise.all([getMeta(db, 'user'), getMeta(db, 'accounts'), getMeta(db, 'currentAccountId')]);
	if (!user) return null;
	return { info: { user, accounts: accounts ?? [] }, currentAccountId: pickAccount(accounts ?? [], current) };
}

/** Removes the signed-in user's server data and identity; keeps queues, client records and public keys. Their
 * pinned installers go too (the next user may not be entitled to them); the files follow at the next sweep. */
export function clearSignedInData(db: KeyfieldDb): Promise<void> {
	return db.transaction('rw', [...db.serverTables, db.meta, db.pins], async () => {
		await Promise.all(db.serverTables.map((table) => table.clear()));
		await db.pins.clear();
		await deleteMeta(db, 'user', 'accounts', 'currentAccountId', 'cursor', 'scope', 'lastSyncAt');
		await deleteLastRegistrations(db);
	});
}

/** Stores a session the server confirmed; a different user than the cached one first clears the old data. */
export function cacheSession(db: KeyfieldDb, info: SessionInfo): Promise<CachedSession> {
	return db.transaction('rw', [...db.serverTables, db.meta, db.pins], async () => {
		const previous = await readCachedSession(db);
		if (previous && previous.info.user.id !== info.user.id) await clearSignedInData(db);
		const currentAccountId = pickAccount(info.accounts, previous?.currentAccountId);
		await setMeta(db, 'user', info.user);
		await setMeta(db, 'accounts', info.accounts);
		if (currentAccountId) await setMeta(db, 'currentAccountId', currentAccountId);
		return { info, currentAccountId };
	});
}
