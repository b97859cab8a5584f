/**
 * Sharing as the device shows it: the owner's recipients with pending shares and unshares folded in, the
 * account's share code, and licenses other accounts share with this one (read-only, marked with the owner).
 */
import { liveQuery, type Observable } from 'dexie';
import { Operations, type SharedLicenseRow } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';
import { toLicenseView, type LicenseView } from './license-view.ts';

export interface ShareState {
	id: string;
	recipient: string; // the account's name, or the code typed while the share is pending
	sharedBy: string | null;
	sharedAt: string | null;
	pending: 'share' | 'unshare' | null;
}

export function foldShares(rows: readonly { id: string; recipientName: string; sharedBy: string; sharedAt: string }[], entries: readonly OutboxEntry[], licenseId: string): ShareState[] {
	const shares = new Map<string, ShareState>(rows.map((r) => [r.id, { id: r.id, recipient: r.recipientName, sharedBy: r.sharedBy, sharedAt: r.sharedAt, pending: null }]));
	for (const entry of entries) {
		if (entry.name === 'license.share') {
			const args = Operations['license.share'].safeParse(entry.args);
			if (args.success && args.data.licenseId === licenseId && !shares.has(args.data.shareId)) {
				shares.set(args.data.shareId, { id: args.data.shareId, recipient: args.data.shareCode, sharedBy: null, sharedAt: null, pending: 'share' });
			}
		} else if (entry.name === 'license.unshare') {
			const args = Operations['license.unshare'].safeParse(entry.args);
			const share = args.success ? shares.get(args.data.shareId) : undefined;
			if (share) share.pending = 'unshare';
		}
	}
	return [...shares.values()];
}

export function licenseSharesView(licenseId: string, db: KeyfieldDb = getDb()): Observable<ShareState[]> {
	return liveQuery(async () => foldShares(await db.license_shares.where('licenseId').equals(licenseId).toArray(), await signedInEntries(db), licenseId));
}

export function shareCodeView(accountId: string, db: KeyfieldDb = getDb()): Observable<string | null> {
	return liveQuery(async () => (await db.share_codes.get(accountId))?.code ?? null);
}

/** A shared license in the shape the license screens read; `id` is the owner's license id, as links use it. */
export function sharedLicenseView(row: SharedLicenseRow): LicenseView {
	const { licenseId, ownerAccountName, sharedAt, ...license } = row;
	// Where the license came from stays with its owner; the recipient sees when it was shared.
	const view = toLicenseView({ ...license, id: licenseId, origin: 'serial', sourceId: null, certificateId: null, createdAt: sharedAt });
	return { ...view, sharedBy: ownerAccountName };
}
