/**
 * Live Enterprise Flexible views: an agreement's products with what remains "as of last sync", less this device's
 * pending draw-downs and plus its pending releases (from the outbox overlays), its events and drawn licenses.
 */
import { liveQuery, type Observable } from 'dexie';
import type { AgreementEventRow, AgreementRow, LicenseRow } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';
import { overlayOf } from '../ops/registry.ts';
import { byNewest, type LicenseView } from './license-view.ts';
import { licensesWithOverlay } from './overlay.ts';

export interface AgreementProductView {
	sku: string;
	name: string;
	seatCap: number;
	seatsUsed: number; // as of the last sync
	pendingDrawn: number; // queued on this device, not yet in seatsUsed
	pendingReleased: number;
	remaining: number;
}

export interface AgreementView {
	agreement: AgreementRow;
	products: AgreementProductView[];
}

/** Pure: the agreement's products with the seats the queued entries take or give back. */
export function agreementWithOverlay(agreement: AgreementRow, entries: readonly OutboxEntry[], licenses: ReadonlyMap<string, LicenseRow>): AgreementView {
	const server = { licenses, agreements: new Map([[agreement.id, agreement]]) };
	const drawn = new Map<string, number>();
	const released = new Map<string, number>();
	for (const entry of entries) {
		for (const change of overlayOf(entry, server).agreementSeats ?? []) {
			if (change.agreementId !== agreement.id) continue;
			const into = change.seats > 0 ? drawn : released;
			into.set(change.sku, (into.get(change.sku) ?? 0) + Math.abs(change.seats));
		}
	}
	return {
		agreement,
		products: agreement.products.map((p) => {
			const pendingDrawn = drawn.get(p.sku) ?? 0;
			const pendingReleased = released.get(p.sku) ?? 0;
			return { ...p, pendingDrawn, pendingReleased, remaining: Math.max(0, p.seatCap - p.seatsUsed - pendingDrawn + pendingReleased) };
		})
	};
}

/** The server rows the overlays of these entries look at: only the licenses they name, not the whole account. */
async function licensesNamedBy(db: KeyfieldDb, entries: readonly OutboxEntry[]): Promise<Map<string, LicenseRow>> {
	const ids = entries.map((e) => (e.args as { licenseId?: unknown } | null)?.licenseId).filter((id): id is string => typeof id === 'string');
	const rows = await db.licenses.bulkGet(ids);
	return new Map(rows.filter((r): r is LicenseRow => r !== undefined).map((r) => [r.id, r]));
}

export function agreementsView(accountId: string, db: KeyfieldDb = getDb()): Observable<AgreementView[]> {
	return liveQuery(async () => {
		const rows = await db.agreements.where('accountId').equals(accountId).toArray();
		const entries = (await signedInEntries(db)).filter((e) => e.accountId === accountId);
		const licenses = await licensesNamedBy(db, entries);
		return rows.sort((a, b) => a.name.localeCompare(b.name)).map((row) => agreementWithOverlay(row, entries, licenses));
	});
}

export interface AgreementDetail extends AgreementView {
	events: AgreementEventRow[];
	licenses: LicenseView[]; // drawn from it, pending ones included, newest first
}

export function agreementDetailView(id: string, db: KeyfieldDb = getDb()): Observable<AgreementDetail | undefined> {
	return liveQuery(async () => {
		const agreement = await db.agreements.get(id);
		if (!agreement) return undefined;
		const entries = (await signedInEntries(db)).filter((e) => e.accountId === agreement.accountId);
		const drawnRows = await db.licenses.where('accountId').equals(agreement.accountId).filter((l) => l.sourceId === id).toArray();
		const drawnIds = new Set(drawnRows.map((r) => r.id));
		const events = await db.agreement_events.where('agreementId').equals(id).toArray();
		const drawn = licensesWithOverlay(drawnRows, entries, new Map([[id, agreement]]))
			.filter((l) => drawnIds.has(l.id) || isPendingDrawFrom(entries, l.id, id))
			.sort(byNewest);
		return { ...agreementWithOverlay(agreement, entries, await licensesNamedBy(db, entries)), events, licenses: drawn };
	});
}

function isPendingDrawFrom(entries: readonly OutboxEntry[], licenseId: string, agreementId: string): boolean {
	return entries.some((e) => {
		const args = e.args as { licenseId?: unknown; agreementId?: unknown } | null;
		return e.name === 'enterprise.drawDown' && args?.licenseId === licenseId && args.agreementId === agreementId;
	});
}

/** The agreement a license was drawn from, for the license screen (undefined for any other license). */
export function licenseAgreementView(licenseId: string, db: KeyfieldDb = getDb()): Observable<{ license: LicenseRow; agreement: AgreementRow } | undefined> {
	return liveQuery(async () => {
		const license = await db.licenses.get(licenseId);
		if (license?.origin !== 'agreement' || !license.sourceId) return undefined;
		const agreement = await db.agreements.get(license.sourceId);
		return agreement ? { license, agreement } : undefined;
	});
}
