/** Amounts in minor units (cents) as money in the current language: the currency's own number of decimals. */
import { getLocale } from '$lib/paraglide/runtime.js';

export function formatMoney(amountMinor: number, currency: string): string {
	const format = new Intl.NumberFormat(getLocale(), { style: 'currency', currency });
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(amountMinor / 10 ** digits);
}
