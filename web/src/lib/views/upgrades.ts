/**
 * Upgrade notifications as the device knows them: the synced rows ("as of last sync") with this device's own
 * queued upgrades counted against what remains, so two offline partial upgrades never promise the same seats.
 */
import { liveQuery, type Observable } from 'dexie';
import { Operations, type LicenseRow, type UpgradeNotificationRow } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';
import type { LicenseView } from './license-view.ts';

export interface NotificationView extends UpgradeNotificationRow {
	/** Seats still free: quantity − used at the last sync − this device's queued upgrades. */
	remaining: number;
	pendingSeats: number;
}

export function withPending(row: UpgradeNotificationRow, entries: readonly OutboxEntry[]): NotificationView {
	let pendingSeats = 0;
	for (const entry of entries) {
		if (entry.name !== 'license.upgradeVersion') continue;
		const args = Operations['license.upgradeVersion'].safeParse(entry.args);
		if (args.success && args.data.accountId === row.accountId && args.data.notificationCode === row.code) pendingSeats += args.data.quantity;
	}
	return { ...row, pendingSeats, remaining: Math.max(0, row.quantity - row.used - pendingSeats) };
}

/** The notification with this (checked) code in the workspace, or null when this device does not know it. */
export function notificationView(accountId: string, code: string, db: KeyfieldDb = getDb()): Observable<NotificationView | null> {
	return liveQuery(async () => {
		const row = (await db.upgradeNotifications.where('code').equals(code).toArray()).find((n) => n.accountId === accountId);
		return row ? withPending(row, await signedInEntries(db)) : null;
	});
}

/** Licenses the notification covers: of its product, still holding seats (a pending earlier upgrade included). */
export function eligibleLicenses(licenses: readonly LicenseView[], notification: Pick<UpgradeNotificationRow, 'sku'>): LicenseView[] {
	// A pending placeholder has no sku yet, so only licenses the server confirmed (maybe with a pending split) qualify.
	return licenses.filter((l) => l.sku === notification.sku && l.status !== 'revoked' && (l.seats ?? 0) > 0);
}

/** The day after `expiresOn` the notification is spent (the server decides by its own date). */
export function isExpired(expiresOn: string, now: Date): boolean {
	const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
	return expiresOn < today;
}

export interface UpgradeLinks {
	/** The license this one was upgraded from (origin 'upgrade'). */
	from: LicenseRow | null;
	/** Licenses that took seats of this one to a newer version, oldest first. */
	to: LicenseRow[];
}

/** How a license is tied to others by version upgrades, from the synced rows. */
export function upgradeLinksView(id: string, db: KeyfieldDb = getDb()): Observable<UpgradeLinks | null> {
	return liveQuery(async () => {
		const row = await db.licenses.get(id);
		if (!row) return null;
		const from = row.origin === 'upgrade' && row.sourceId ? ((await db.licenses.get(row.sourceId)) ?? null) : null;
		const to = await db.licenses.where('accountId').equals(row.accountId).filter((l) => l.sourceId === id && l.origin === 'upgrade').toArray();
		return { from, to: to.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
	});
}
