/**
 * Co-terming: several contracts brought to one end date. The common date is the latest end unless the user picks
 * a later one; a date before any contract's end is refused, because co-terming never shortens a contract.
 * Prorated seat-days (days added × seats) are what the added coverage is priced on.
 */
import { daysBetween } from './calendar-days.ts';

export type CotermInput = { id: string; endsOn: string; seats: number };
export type CotermLine = { id: string; endsOn: string; newEndsOn: string; daysAdded: number; seatDays: number };
export type CotermPlan =
	| { ok: true; commonEnd: string; lines: CotermLine[]; totalSeatDays: number }
	| { ok: false; reason: 'no_contracts' } | { ok: false; reason: 'would_shorten'; latestEnd: string };

export function latestEnd(contracts: readonly CotermInput[]): string | null {
	return contracts.reduce<string | null>((max, c) => (max === null || c.endsOn > max ? c.endsOn : max), null);
}

export function cotermPlan(contracts: readonly CotermInput[], pickedEnd?: string): CotermPlan {
	const latest = latestEnd(contracts);
	if (latest === null) return { ok: false, reason: 'no_contracts' };
	const commonEnd = pickedEnd ?? latest;
	if (commonEnd < latest) return { ok: false, reason: 'would_shorten', latestEnd: latest };
	const lines = contracts.map((c) => {
		const daysAdded = daysBetween(c.endsOn, commonEnd);
		return { id: c.id, endsOn: c.endsOn, newEndsOn: commonEnd, daysAdded, seatDays: daysAdded * c.seats };
	});
	return { ok: true, commonEnd, lines, totalSeatDays: lines.reduce((sum, l) => sum + l.seatDays, 0) };
}
