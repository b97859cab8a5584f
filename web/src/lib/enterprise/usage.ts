/**
 * An agreement's usage over time, from its draw/release events: the seats in use of each product after each event.
 * Pure, so the chart, the table and the CSV export read the same numbers.
 */
import type { AgreementEventRow } from '@keyfield/shared';

export interface UsagePoint {
	event: AgreementEventRow;
	inUse: number; // seats of the event's product in use right after it
}

/** Oldest first; events of one push share a version, so time then version then id keep a stable order. */
export function byTime(a: AgreementEventRow, b: AgreementEventRow): number {
	return a.at.localeCompare(b.at) || a.version - b.version || a.id.localeCompare(b.id);
}

export function usageOverTime(events: readonly AgreementEventRow[]): UsagePoint[] {
	const inUse = new Map<string, number>();
	return [...events].sort(byTime).map((event) => {
		const after = (inUse.get(event.sku) ?? 0) + (event.kind === 'draw' ? event.seats : -event.seats);
		inUse.set(event.sku, after);
		return { event, inUse: after };
	});
}
