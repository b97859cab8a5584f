/**
 * The rows of a bulk certificate CSV, read and checked on their own (no database): the header against the
 * documented columns, each value against its rule, and duplicates within the file. What needs the database
 * (accounts, SKUs, references issued before) is checked by certificates-bulk.ts.
 */
import { BULK_CSV_COLUMNS, BULK_MAX_ROWS, BULK_MAX_SERIALS, ErrorCode, type BulkCsvColumn, type BulkRowError, type BulkRowProblem } from '@keyfield/shared';
import { AppError } from '../errors.ts';
import { CsvError, readCsv } from './csv.ts';

export type ReadRow = { row: number; accountId: string | null; sku: string; quantity: number; maintenanceEnd: string; serialCount: number; reference: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KNOWN = new Set<string>(BULK_CSV_COLUMNS.map((c) => c.name));
const REQUIRED = BULK_CSV_COLUMNS.filter((c) => c.required).map((c) => c.name);

const csvInvalid = (message: string, details: Record<string, unknown> = {}) => new AppError(400, ErrorCode.csvInvalid, message, details);

/** "Maintenance End", "maintenance-end" and "MAINTENANCE_END" all name maintenance_end. */
const headerName = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

function isRealDate(value: string): boolean {
	const m = DATE.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.toISOString().slice(0, 10) === value;
}

function wholeNumber(value: string, min: number, max: number): number | null {
	if (!/^\d{1,7}$/.test(value)) return null;
	const n = Number(value);
	return n >= min && n <= max ? n : null;
}

/** The file's header and rows; throws 400 csv_invalid for a file that is not a certificate CSV at all. */
export function readBulkRows(text: string): { rows: ReadRow[]; errors: BulkRowError[]; rowCount: number } {
	let records;
	try {
		records = readCsv(text);
	} catch (err) {
		if (err instanceof CsvError) throw csvInvalid(err.message, { line: err.line });
		throw err;
	}
	const [header, ...data] = records;
	if (!header) throw csvInvalid('The file is empty: the first row names the columns (account_id, sku, quantity, maintenance_end, …).');
	const names = header.fields.map(headerName);
	const unknown = names.filter((n) => !KNOWN.has(n));
	const missing = REQUIRED.filter((n) => !names.includes(n));
	const repeated = names.filter((n, i) => names.indexOf(n) !== i);
	if (unknown.length || missing.length || repeated.length) {
		const parts = [unknown.length && `unknown ${unknown.join(', ')}`, missing.length && `missing ${missing.join(', ')}`, repeated.length && `repeated ${repeated.join(', ')}`];
		throw csvInvalid(`The header row does not name the documented columns (${parts.filter(Boolean).join('; ')}).`, { unknown, missing, repeated, columns: [...KNOWN] });
	}
	if (data.length === 0) throw csvInvalid('The file has a header but no certificate rows.');
	if (data.length > BULK_MAX_ROWS) throw csvInvalid(`The file has ${data.length} rows; at most ${BULK_MAX_ROWS} go in one upload.`, { rows: data.length, max: BULK_MAX_ROWS });

	const rows: ReadRow[] = [];
	const errors: BulkRowError[] = [];
	const firstSeen = new Map<string, number>();
	for (const [index, record] of data.entries()) {
		const row = index + 2; // as a spreadsheet numbers it: the header is row 1
		// A spreadsheet may pad rows with empty cells; any other difference in width is a broken file.
		const extra = record.fields.slice(names.length);
		if (record.fields.length < names.length || extra.some((f) => f.trim() !== '')) {
			throw csvInvalid(`Row ${row} (line ${record.line}) has ${record.fields.length} values; the header names ${names.length}.`, { row, line: record.line });
		}
		const value = (name: BulkCsvColumn) => {
			const i = names.indexOf(name);
			return i < 0 ? '' : record.fields[i]!.trim();
		};
		const problems: BulkRowError[] = [];
		const fail = (column: BulkCsvColumn | null, problem: BulkRowProblem, message: string) => problems.push({ row, column, problem, message });

		const account = value('account_id');
		if (account !== '' && !UUID.test(account)) fail('account_id', 'bad_account_id', `"${account.slice(0, 60)}" is not an account id (a UUID); leave it empty for a boxed certificate.`);
		const sku = value('sku').toUpperCase();
		if (sku === '') fail('sku', 'missing_value', 'The SKU is missing.');
		const quantity = wholeNumber(value('quantity'), 1, 1_000_000);
		if (quantity === null) fail('quantity', 'bad_quantity', `"${value('quantity').slice(0, 20)}" is not a whole number of seats from 1 to 1,000,000.`);
		const maintenanceEnd = value('maintenance_end');
		if (!isRealDate(maintenanceEnd)) fail('maintenance_end', 'bad_date', `"${maintenanceEnd.slice(0, 20)}" is not a date written YYYY-MM-DD.`);
		const count = value('serial_count');
		const serialCount = count === '' ? 1 : wholeNumber(count, 1, 1000);
		if (serialCount === null) fail('serial_count', 'bad_serial_count', `"${count.slice(0, 20)}" is not a number of serials from 1 to 1,000.`);
		const reference = value('reference') || null;
		if (reference && reference.length > 100) fail('reference', 'reference_too_long', 'The reference is longer than 100 characters.');

		if (problems.length === 0) {
			const parsed = { row, accountId: account === '' ? null : account.toLowerCase(), sku, quantity: quantity!, maintenanceEnd, serialCount: serialCount!, reference };
			// With a reference, the reference says which order a row is; without one, a row repeated exactly is a paste twice.
			const key = reference ?? JSON.stringify([parsed.accountId, sku, parsed.quantity, maintenanceEnd, parsed.serialCount]);
			const earlier = firstSeen.get(key);
			if (earlier !== undefined) {
				fail(reference ? 'reference' : null, 'duplicate_row', reference ? `Reference ${reference} is also on row ${earlier}.` : `The same as row ${earlier}; give each certificate its own reference to issue both.`);
			} else {
				firstSeen.set(key, row);
				rows.push(parsed);
			}
		}
		errors.push(...problems);
	}
	const serials = rows.reduce((n, r) => n + r.serialCount, 0);
	if (serials > BULK_MAX_SERIALS) throw csvInvalid(`The file would issue ${serials} serial numbers; at most ${BULK_MAX_SERIALS} go in one upload.`, { serials, max: BULK_MAX_SERIALS });
	return { rows, errors, rowCount: data.length };
}
