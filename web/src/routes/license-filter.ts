/** Search, product filter and sort of the licenses list: pure, so the list stays a thin view. */
import type { LicenseView } from '$lib/views/licenses.ts';

export type LicenseSort = 'expiry-soonest' | 'expiry-latest' | 'newest';

export interface LicenseQuery {
	text: string;
	sku: string; // '' = every product
	sort: LicenseSort;
}

function matches(license: LicenseView, needle: string): boolean {
	if (!needle) return true;
	// Serials are compared without separators, so "ab12c" finds "S-AB12C-…" however it was typed.
	const compact = needle.replace(/[\s-]/g, '');
	const haystack = [license.productName, license.sku, license.registration.company, license.registration.contactName]
		.filter(Boolean)
		.join(' ')
		.toLowerCase();
	return haystack.includes(needle) || (compact.length > 0 && (license.serial ?? '').replace(/-/g, '').toLowerCase().includes(compact));
}

/** Licenses without a maintenance end (pending: what the person just asked for) come first either way. */
function byExpiry(direction: 1 | -1) {
	return (a: LicenseView, b: LicenseView): number => {
		if (a.maintenanceEnd === b.maintenanceEnd) return 0;
		if (a.maintenanceEnd === null) return -1;
		if (b.maintenanceEnd === null) return 1;
		return direction * a.maintenanceEnd.localeCompare(b.maintenanceEnd);
	};
}

const newestFirst = (a: LicenseView, b: LicenseView): number => b.createdAt.localeCompare(a.createdAt);

export function filterLicenses(licenses: readonly LicenseView[], query: LicenseQuery): LicenseView[] {
	const needle = query.text.trim().toLowerCase();
	const compare = query.sort === 'newest' ? newestFirst : byExpiry(query.sort === 'expiry-soonest' ? 1 : -1);
	return licenses.filter((l) => (!query.sku || l.sku === query.sku) && matches(l, needle)).sort(compare);
}
