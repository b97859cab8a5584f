/** CSV files the console hands out (RFC 4180, CRLF, a header row): issued serials, and a voucher batch's codes. */
import type { BulkIssued, VoucherBatchListing } from '@keyfield/shared';
import { csvField } from '../enterprise/agreement-csv.ts';

const csv = (rows: (string | number | null)[][]) => rows.map((r) => r.map((v) => csvField(v ?? '')).join(',')).join('\r\n') + '\r\n';

/** One line per serial number, so a mail merge or label printer can take it as is. */
export function issuedSerialsCsv(certificates: BulkIssued['certificates']): string {
	const header = ['serial', 'certificate_id', 'account_id', 'account_name', 'sku', 'quantity', 'maintenance_end', 'reference', 'row'];
	return csv([header, ...certificates.flatMap((c) => c.serials.map((s) => [s, c.id, c.accountId, c.accountName, c.sku, c.quantity, c.maintenanceEnd, c.reference, c.row]))]);
}

export function voucherBatchCsv(batch: VoucherBatchListing): string {
	const header = ['code', 'status', 'batch_id', 'sku', 'seats', 'term_months', 'expires_on', 'restricted_to_account_id', 'redeemed_at'];
	return csv([
		header,
		...batch.vouchers.map((v) => [v.code, v.status, batch.batchId, batch.sku, batch.seats, batch.termMonths, batch.expiresOn, batch.restrictedToAccountId, v.redeemedAt])
	]);
}
