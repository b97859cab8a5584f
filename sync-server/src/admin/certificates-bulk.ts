/**
 * Bulk certificates from a CSV: `check` reads the file and answers what it would issue (the dry run), `issue`
 * writes every certificate and serial of a valid file in one transaction, or refuses the whole file with the
 * rows that are wrong. The lookups are three queries and the writes a few multi-row inserts whatever the size,
 * so 1,000 rows cost about what one does.
 */
import {
	BULK_MAX_ERRORS,
	BULK_PREVIEW_ROWS,
	ErrorCode,
	makeCode,
	type BulkCheck,
	type BulkIssued,
	type BulkRow,
	type BulkRowError
} from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { appendActivities } from '../db/activity.repository.ts';
import { accountsByIds, insertCertificates, issuedReferences, productsBySkus, type NewCertificate } from '../db/certificates-bulk.repository.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './admin.service.ts';
import { readBulkRows } from './certificates-bulk-rows.ts';

type Db = Kysely<Database>;
type Checked = { rows: (BulkRow & { productId: string })[]; errors: BulkRowError[]; rowCount: number };

const HOLDER_KINDS = new Set(['customer', 'partner', 'oem']);

async function checkRows(db: Db, text: string): Promise<Checked> {
	const { rows, errors, rowCount } = readBulkRows(text);
	const [accounts, products, taken] = await Promise.all([
		accountsByIds(db, [...new Set(rows.flatMap((r) => (r.accountId ? [r.accountId] : [])))]),
		productsBySkus(db, [...new Set(rows.map((r) => r.sku))]),
		issuedReferences(db, rows.flatMap((r) => (r.reference ? [r.reference] : [])))
	]);
	const accountById = new Map(accounts.map((a) => [a.id, a]));
	const productBySku = new Map(products.map((p) => [p.sku, p.id]));
	const good: Checked['rows'] = [];
	for (const r of rows) {
		const before = errors.length;
		const account = r.accountId ? accountById.get(r.accountId) : null;
		if (r.accountId && (!account || !HOLDER_KINDS.has(account.kind))) {
			errors.push({ row: r.row, column: 'account_id', problem: 'unknown_account', message: `No customer, partner or OEM account ${r.accountId}.` });
		}
		const productId = productBySku.get(r.sku);
		if (!productId) errors.push({ row: r.row, column: 'sku', problem: 'unknown_sku', message: `No product with SKU ${r.sku} in the catalog.` });
		if (r.reference && taken.has(r.reference)) {
			errors.push({ row: r.row, column: 'reference', problem: 'reference_issued', message: `A certificate with reference ${r.reference} was issued before.` });
		}
		if (errors.length === before) good.push({ ...r, accountName: account?.name ?? null, productId: productId! });
	}
	errors.sort((a, b) => a.row - b.row);
	return { rows: good, errors, rowCount };
}

const publicRow = ({ productId: _, ...row }: Checked['rows'][number]): BulkRow => row;

export async function checkBulkCertificates(db: Db, text: string): Promise<BulkCheck> {
	const { rows, errors, rowCount } = await checkRows(db, text);
	return {
		dryRun: true,
		rows: rowCount,
		serials: rows.reduce((n, r) => n + r.serialCount, 0),
		valid: errors.length === 0,
		errorCount: errors.length,
		errors: errors.slice(0, BULK_MAX_ERRORS),
		preview: rows.slice(0, BULK_PREVIEW_ROWS).map(publicRow)
	};
}

/** Serial numbers for every row, distinct across the file (80 random bits each: a repeat is drawn again). */
function drawSerials(rows: Checked['rows']): string[][] {
	const seen = new Set<string>();
	return rows.map((r) =>
		Array.from({ length: r.serialCount }, () => {
			for (;;) {
				const serial = makeCode('serial', crypto.getRandomValues(new Uint8Array(16)));
				if (!seen.has(serial)) return seen.add(serial), serial;
			}
		})
	);
}

export async function issueBulkCertificates(db: Db, actor: Actor, text: string): Promise<BulkIssued> {
	const { rows, errors, rowCount } = await checkRows(db, text);
	if (errors.length > 0) {
		const message = `Nothing was issued: ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${new Set(errors.map((e) => e.row)).size} of ${rowCount} rows (first on row ${errors[0]!.row}).`;
		throw new AppError(422, ErrorCode.csvRowsInvalid, message, { rows: rowCount, errorCount: errors.length, errors: errors.slice(0, BULK_MAX_ERRORS) });
	}
	const serials = drawSerials(rows);
	const certificates: NewCertificate[] = rows.map((r, i) => ({ id: crypto.randomUUID(), accountId: r.accountId, productId: r.productId, quantity: r.quantity, maintenanceEnd: r.maintenanceEnd, reference: r.reference, serials: serials[i]! }));
	const uploadId = crypto.randomUUID();
	await db
		.transaction()
		.execute(async (tx) => {
			await insertCertificates(tx, certificates);
			// One journal row per account and upload, naming each certificate (boxed ones on the chain without an
			// account): the chain append costs more than linear in rows of one chain, and 1,000 rows of one account
			// cost more than the whole insert.
			const byAccount = new Map<string | null, Record<string, unknown>[]>();
			certificates.forEach((c, i) => {
				const line = { id: c.id, sku: rows[i]!.sku, quantity: c.quantity, serialCount: c.serials.length, reference: c.reference };
				const lines = byAccount.get(c.accountId) ?? [];
				byAccount.set(c.accountId, lines);
				lines.push(line);
			});
			await appendActivities(
				tx,
				[...byAccount].map(([accountId, issued]) => ({ ...actor, accountId, action: 'admin.certificates.bulk', details: { uploadId, certificates: issued } }))
			);
		})
		.catch((err: unknown) => {
			// Another upload took one of these references between the check and the insert.
			throw isUniqueViolation(err) ? new AppError(409, ErrorCode.conflict, 'A reference in this file was just issued by another upload: check the file again.') : err;
		});
	return {
		dryRun: false,
		rows: certificates.length,
		serials: serials.flat().length,
		certificates: rows.map((r, i) => ({ ...publicRow(r), id: certificates[i]!.id, serials: serials[i]! }))
	};
}
