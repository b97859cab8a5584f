/** Live license, product and account lists for the UI (Dexie liveQuery; in Svelte use them as stores). */
import Dexie, { liveQuery, type Observable } from 'dexie';
import { CATALOG_ACCOUNT_ID, type AccountRow, type ProductRow, type Registration } from '@keyfield/shared';
import { getDb, type KeyfieldDb } from '../db/db.ts';
import { getLastRegistration } from '../db/meta.ts';
import { signedInEntries } from '../ops/outbox.ts';
import { byNewest, type LicenseView } from './license-view.ts';
import { licensesWithOverlay } from './overlay.ts';
import { sharedLicenseView } from './sharing.ts';

export type { LicenseView } from './license-view.ts';

/** One account's licenses: server rows + pending overlay, recomputed whenever either table changes. */
export function licensesView(accountId: string, db: KeyfieldDb = getDb()): Observable<LicenseView[]> {
	return liveQuery(async () => {
		const rows = await db.licenses.where('accountId').equals(accountId).toArray();
		const entries = (await signedInEntries(db)).filter((e) => e.accountId === accountId);
		const shared = await db.shared_licenses.where('accountId').equals(accountId).toArray();
		return [...licensesWithOverlay(rows, entries).filter((view) => view.accountId === accountId), ...shared.map(sharedLicenseView)].sort(byNewest);
	});
}

export function licenseView(id: string, db: KeyfieldDb = getDb()): Observable<LicenseView | undefined> {
	return liveQuery(async () => {
		const row = await db.licenses.get(id);
		const entries = await signedInEntries(db);
		const own = licensesWithOverlay(row ? [row] : [], entries).find((view) => view.id === id);
		if (own) return own;
		const shared = await db.shared_licenses.where('licenseId').equals(id).first();
		return shared ? sharedLicenseView(shared) : undefined;
	});
}

export function productsView(db: KeyfieldDb = getDb()): Observable<ProductRow[]> {
	return liveQuery(async () => (await db.products.toArray()).sort((a, b) => a.name.localeCompare(b.name)));
}

/** The workspaces the user can see; the catalog pseudo-account is plumbing, not a workspace. */
export function accountsView(db: KeyfieldDb = getDb()): Observable<AccountRow[]> {
	return liveQuery(async () =>
		(await db.accounts.toArray())
			.filter((account) => account.id !== CATALOG_ACCOUNT_ID && account.kind !== 'catalog')
			.sort((a, b) => a.name.localeCompare(b.name))
	);
}

/** Prefill for "Get a key": what was typed last in this account, else the newest license's registration. */
export async function lastRegistration(accountId: string, db: KeyfieldDb = getDb()): Promise<Registration | null> {
	const typed = await getLastRegistration(db, accountId);
	if (typed) return typed;
	// The last entry of the account's slice of [accountId+createdAt] (ISO times sort as strings): one row read, however many licenses.
	const newest = await db.licenses.where('[accountId+createdAt]').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).last();
	return newest?.registration ?? null;
}
