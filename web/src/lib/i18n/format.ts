/** Dates, relative times and numbers in the current language, through Intl (DESIGN §7: relative and absolute). */
import { getLocale } from '$lib/paraglide/runtime.js';

/**
 * Making an Intl formatter costs far more than formatting with one, and a list renders several per row (each
 * license's maintenance end, absolute and relative): one formatter per style and language, made on first use.
 */
const formatters = new Map<string, unknown>();
function formatter<F>(style: string, make: (locale: string) => F): F {
	const locale = getLocale();
	const key = `${style} ${locale}`;
	let made = formatters.get(key) as F | undefined;
	if (made === undefined) formatters.set(key, (made = make(locale)));
	return made;
}

export function formatNumber(n: number): string {
	return formatter('number', (locale) => new Intl.NumberFormat(locale)).format(n);
}

/** 0.456 -> "46 %" (or "46%"), as the language writes it. */
export function formatPercent(fraction: number): string {
	return formatter('percent', (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(fraction);
}

/** A calendar date (YYYY-MM-DD) read as that day, not as UTC midnight shifted into the local zone. */
function parseDay(isoDate: string): Date {
	const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d);
}

export function formatDay(isoDate: string): string {
	return formatter('day', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' })).format(parseDay(isoDate));
}

export function formatDateTime(iso: string | Date): string {
	return formatter('date-time', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60],
	['second', 1]
];

const relativeAuto = () => formatter('relative-auto', (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

/** "in 12 days", "3 minutes ago": the largest unit that fits, in the current language. */
export function formatRelative(target: Date, now: Date): string {
	const seconds = Math.round((target.getTime() - now.getTime()) / 1000);
	const rtf = relativeAuto();
	for (const [unit, size] of UNITS) {
		if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit);
	}
	return rtf.format(0, 'second');
}

/** Days count in whole calendar days, so a maintenance end "tomorrow" never reads "in 18 hours". */
export function formatRelativeDay(isoDate: string, now: Date): string {
	const days = daysUntil(isoDate, now);
	// "tomorrow" reads well; "next year" for 14 months does not, so months and years are always counted.
	if (Math.abs(days) < 45) return relativeAuto().format(days, 'day');
	const rtf = formatter('relative-always', (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));
	if (Math.abs(days) < 365) return rtf.format(Math.round(days / 30), 'month');
	return rtf.format(Math.round(days / 365), 'year');
}

export function daysUntil(isoDate: string, now: Date): number {
	const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
	return Math.round((parseDay(isoDate).getTime() - today.getTime()) / 86_400_000);
}

/** Inputs of a plural message: `count` picks the plural form, `n` is the number as this language writes it. */
export function counted(count: number): { count: number; n: string } {
	return { count, n: formatNumber(count) };
}
