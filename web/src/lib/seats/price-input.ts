/** Prices as the vendor types them in major units (1299.00) and as the API stores them (minor units, 129900). */

/** How many decimals a currency's amounts have (JPY 0, EUR 2, KWD 3); 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
	try {
		return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
	} catch {
		return 2;
	}
}

/** A price as typed ("1299", "1299.5", "1299,50": digits and at most one decimal separator, no grouping) in minor units; null if it is not one. */
export function parseMajor(text: string, currency: string): number | null {
	const digits = currencyDigits(currency);
	const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text.trim());
	if (!match || (match[2]?.length ?? 0) > digits) return null;
	return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
}

/** Minor units as the price field shows them: plain digits and a dot, for editing. */
export function majorText(amountMinor: number, currency: string): string {
	const digits = currencyDigits(currency);
	return digits === 0 ? String(amountMinor) : (amountMinor / 10 ** digits).toFixed(digits);
}
