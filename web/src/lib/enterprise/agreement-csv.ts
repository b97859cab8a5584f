/**
 * The agreement's usage as CSV (RFC 4180): made on the device from the synced events, so it works offline.
 * A header row, ISO 8601 times in UTC, and every field quoted when it holds a comma, a quote or a line break.
 */
import type { AgreementEventRow, AgreementRow } from '@keyfield/shared';
import { usageOverTime } from './usage.ts';

const HEADER = ['agreement_id', 'agreement', 'at', 'sku', 'product', 'event', 'seats', 'seats_in_use_after', 'seat_cap', 'license_id', 'user'];

export function csvField(value: string | number): string {
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function agreementCsv(agreement: AgreementRow, events: readonly AgreementEventRow[]): string {
	const products = new Map(agreement.products.map((p) => [p.sku, p]));
	const rows = usageOverTime(events).map(({ event, inUse }) => [
		agreement.id,
		agreement.name,
		new Date(event.at).toISOString(),
		event.sku,
		products.get(event.sku)?.name ?? '',
		event.kind,
		event.seats,
		inUse,
		products.get(event.sku)?.seatCap ?? '',
		event.licenseId,
		event.userEmail
	]);
	// CRLF line ends, as RFC 4180 has them and spreadsheet programs expect.
	return [HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name people can recognise: the agreement's name, made safe, and the day of export. */
export function csvFileName(agreement: Pick<AgreementRow, 'name'>, now: Date): string {
	const slug = agreement.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'agreement';
	return `${slug}-usage-${now.toISOString().slice(0, 10)}.csv`;
}
