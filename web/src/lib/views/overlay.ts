/** Server rows plus the overlays of queued entries: what every license list and detail shows. */
import type { AgreementRow, LicenseRow } from '@keyfield/shared';
import type { OutboxEntry } from '../db/db.ts';
import { overlayOf } from '../ops/registry.ts';
import { toLicenseView, type LicenseView } from './license-view.ts';

/**
 * Entries apply in queue order, so a later operation on the same license sees (and may replace) an earlier one:
 * `views` is what the entries before it made of each license (two queued partial upgrades of one license add up).
 */
export function licensesWithOverlay(
	rows: readonly LicenseRow[],
	entries: readonly OutboxEntry[],
	agreements?: ReadonlyMap<string, AgreementRow>
): LicenseView[] {
	const views = new Map(rows.map((row) => [row.id, toLicenseView(row)]));
	const server = { licenses: new Map(rows.map((row) => [row.id, row])), views, agreements };
	for (const entry of entries) {
		for (const view of overlayOf(entry, server).licenses ?? []) views.set(view.id, view);
	}
	return [...views.values()];
}
