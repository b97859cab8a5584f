/** Reads a typed seat count: a whole number from 1 to `max`, else why not. */
export type SeatsCheck = { ok: true; seats: number } | { ok: false; problem: 'invalid' | 'too_many' };

export function checkSeats(text: string, max: number): SeatsCheck {
	const trimmed = text.trim();
	if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) return { ok: false, problem: 'invalid' };
	const seats = Number(trimmed);
	return seats > max ? { ok: false, problem: 'too_many' } : { ok: true, seats };
}
