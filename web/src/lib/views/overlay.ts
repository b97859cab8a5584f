/** Server rows plus the overlays of queued entries: what every license list and detail shows. */
import type { LicenseRow } from '@keyfield/shared';
import type { OutboxEntry } from '../db/db.ts';
import { overlayOf } from '../ops/registry.ts';
import { toLicenseView, type LicenseView } from './license-view.ts';

/** Entries apply in queue order, so a later operation on the same license sees (and may replace) an earlier one. */
export function licensesWithOverlay(rows: readonly LicenseRow[], entries: readonly OutboxEntry[]): LicenseView[] {
	const views = new Map(rows.map((row) => [row.id, toLicenseView(row)]));
	const server = { licenses: new Map(rows.map((row) => [row.id, row])), views };
	for (const entry of entries) {
		for (const view of overlayOf(entry, server).licenses ?? []) views.set(view.id, view);
	}
	return [...views.values()];
}
