/**
 * Calendar-day arithmetic on `YYYY-MM-DD` dates. Contract ends are whole days (inclusive, the last day covered), so
 * everything here counts days, never milliseconds: a day number is the UTC midnight of the date / 86,400,000, which
 * no daylight-saving change can shift.
 */
const DAY_MS = 86_400_000;

export function dayNumber(isoDate: string): number {
	return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
	return fromDayNumber(dayNumber(isoDate) + days);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return dayNumber(to) - dayNumber(from);
}

function daysInMonth(year: number, monthIndex: number): number {
	return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** Same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28 or 29 Feb; 29 Feb + 12 = 28 Feb). */
export function addMonths(isoDate: string, months: number): string {
	const year = Number(isoDate.slice(0, 4));
	const month = Number(isoDate.slice(5, 7)) - 1 + months;
	const targetYear = year + Math.floor(month / 12);
	const targetMonth = ((month % 12) + 12) % 12;
	const day = Math.min(Number(isoDate.slice(8, 10)), daysInMonth(targetYear, targetMonth));
	return fromDayNumber(Date.UTC(targetYear, targetMonth, day) / DAY_MS);
}

/** The calendar date at `now` where the user is (their time zone, e.g. 'Europe/Madrid'), so "days left" changes at their midnight. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
	// en-CA formats as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
