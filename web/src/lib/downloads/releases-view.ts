/**
 * The Downloads screen's data: the releases of every product the user's accounts hold a license of (any account in
 * scope, as the server decides), newest first, each with its entitlement (the same shared rule, on the same UTC date, that
 * the server applies when it signs a link) and this device's pins.
 */
import { liveQuery, type Observable } from 'dexie';
import { entitlement, todayUtc, type Entitlement, type LicenseRow, type ReleaseRow } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type PinEntry } from '../db/db.ts';

export interface ReleaseView {
	release: ReleaseRow;
	entitlement: Entitlement;
}

export interface ProductReleases {
	sku: string;
	productName: string;
	releases: ReleaseView[];
}

export function groupReleases(releases: readonly ReleaseRow[], licenses: readonly LicenseRow[], today: string): ProductReleases[] {
	const held = new Set(licenses.filter((l) => l.status === 'active').map((l) => l.sku));
	const bySku = new Map<string, ProductReleases>();
	const newestFirst = [...releases].sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || b.releaseVersion.localeCompare(a.releaseVersion));
	for (const release of newestFirst) {
		if (!held.has(release.sku)) continue;
		const product = bySku.get(release.sku) ?? { sku: release.sku, productName: release.productName, releases: [] };
		product.releases.push({ release, entitlement: entitlement(release, licenses, today) });
		bySku.set(release.sku, product);
	}
	return [...bySku.values()].sort((a, b) => a.productName.localeCompare(b.productName));
}

export function downloadsView(db: KeyfieldDb = getDb()): Observable<{ products: ProductReleases[]; pins: Map<string, PinEntry> }> {
	return liveQuery(async () => {
		const [releases, licenses, pins] = await Promise.all([db.releases.toArray(), db.licenses.toArray(), db.pins.toArray()]);
		return { products: groupReleases(releases, licenses, todayUtc()), pins: new Map(pins.map((p) => [p.artifactId, p])) };
	});
}
