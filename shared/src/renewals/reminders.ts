/**
 * Reminder lead times: a contract is due a reminder once its end is at most the longest lead time away (or has
 * passed); the lead it has reached says how urgent (60 days: plan; 30: online renewal opens; 7: last week).
 */
export const REMINDER_LEAD_DAYS = [60, 30, 7] as const;

/** The shortest lead time the contract has reached, or null while it is further away than all of them. */
export function reminderLead(daysLeft: number, leads: readonly number[] = REMINDER_LEAD_DAYS): number | null {
	const reached = leads.filter((lead) => daysLeft <= lead);
	return reached.length === 0 ? null : Math.min(...reached);
}

export const MAX_LEAD_TIMES = 5;

/** Lead times as a person types them ("60, 30, 7"): whole days from 1 to 365, at most five, longest first; null
 * when the text is not that. */
export function parseLeadTimes(text: string): number[] | null {
	const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
	if (parts.length === 0 || parts.length > MAX_LEAD_TIMES || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
	const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
	return days.every((d) => d >= 1 && d <= 365) ? days : null;
}
