/**
 * Bulk certificates from a CSV upload (`POST /api/admin/certificates/bulk`): the columns, and what the server
 * answers. One data row is one certificate; the whole file is issued in one transaction, or nothing is.
 */
import { z } from 'zod';
import { IsoDate, Uuid } from '../entities.ts';

/** Header names as documented (case, spaces and dashes in a header are normalised to these). */
export const BULK_CSV_COLUMNS = [
	{ name: 'account_id', required: true, meaning: 'the owning account id (UUID); empty = a boxed certificate, claimed by the first account that registers one of its serials' },
	{ name: 'sku', required: true, meaning: 'a catalog SKU, e.g. KF-EDGE' },
	{ name: 'quantity', required: true, meaning: 'seats of each license a serial registers (1 to 1,000,000)' },
	{ name: 'maintenance_end', required: true, meaning: 'last day of maintenance, YYYY-MM-DD' },
	{ name: 'serial_count', required: false, meaning: 'serial numbers on the certificate (1 to 1,000; default 1)' },
	{ name: 'reference', required: false, meaning: "your order reference, at most 100 characters; unique: a reference issued before is refused, so uploading a file twice issues nothing twice" }
] as const;
export type BulkCsvColumn = (typeof BULK_CSV_COLUMNS)[number]['name'];

export const BULK_MAX_ROWS = 10_000;
export const BULK_MAX_SERIALS = 50_000;
/** How many of the file's rows the dry run echoes back for a preview. */
export const BULK_PREVIEW_ROWS = 20;
/** How many row errors an answer lists (the count says how many there are in all). */
export const BULK_MAX_ERRORS = 500;

export const BulkRowProblem = z.enum([
	'missing_value',
	'bad_account_id',
	'unknown_account',
	'unknown_sku',
	'bad_quantity',
	'bad_date',
	'bad_serial_count',
	'reference_too_long',
	'duplicate_row', // the same as an earlier row of the file (same reference, or every column the same)
	'reference_issued' // a certificate with this reference exists already
]);
export type BulkRowProblem = z.infer<typeof BulkRowProblem>;

/** `row`: the row as a spreadsheet numbers it (the header is row 1, the first certificate row 2). */
export const BulkRowError = z.object({ row: z.number().int(), column: z.string().nullable(), problem: BulkRowProblem, message: z.string() });
export type BulkRowError = z.infer<typeof BulkRowError>;

export const BulkRow = z.object({
	row: z.number().int(),
	accountId: Uuid.nullable(),
	accountName: z.string().nullable(),
	sku: z.string(),
	quantity: z.number().int(),
	maintenanceEnd: IsoDate,
	serialCount: z.number().int(),
	reference: z.string().nullable()
});
export type BulkRow = z.infer<typeof BulkRow>;

export const BulkCheck = z.object({
	dryRun: z.literal(true),
	rows: z.number().int(),
	serials: z.number().int(), // serial numbers the file would issue
	valid: z.boolean(),
	errorCount: z.number().int(),
	errors: z.array(BulkRowError), // the first BULK_MAX_ERRORS, by row
	preview: z.array(BulkRow) // the first BULK_PREVIEW_ROWS rows as read
});
export type BulkCheck = z.infer<typeof BulkCheck>;

export const BulkIssued = z.object({
	dryRun: z.literal(false),
	rows: z.number().int(),
	serials: z.number().int(),
	certificates: z.array(BulkRow.extend({ id: Uuid, serials: z.array(z.string()) }))
});
export type BulkIssued = z.infer<typeof BulkIssued>;

/** 422 csv_rows_invalid carries these details; nothing was written. */
export const BulkRejectedDetails = z.object({ rows: z.number().int(), errorCount: z.number().int(), errors: z.array(BulkRowError) });
