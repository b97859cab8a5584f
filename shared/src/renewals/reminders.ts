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
