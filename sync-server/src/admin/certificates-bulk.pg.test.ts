import { ErrorBody, parseCode, type BulkCheck, type BulkIssued, type BulkRowError } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;
let acme: string;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	acme = await server.accountId(await server.login('admin@acme.test'), 'Acme Field Services');
});
afterAll(() => server?.close());

const HEADER = 'account_id,sku,quantity,maintenance_end,serial_count,reference';

/** `n` valid rows for Acme, each with its own reference. */
function csvFor(tag: string, n: number, edit: (line: string, i: number) => string = (l) => l): string {
	const rows = Array.from({ length: n }, (_, i) => edit(`${acme},KF-EDGE,${(i % 5) + 1},2031-12-31,1,${tag}-${i + 1}`, i));
	return [HEADER, ...rows].join('\r\n') + '\r\n';
}

async function upload(csv: string, { dryRun = false, token = vendor as string | null } = {}) {
	const res = await server.call(`/api/admin/certificates/bulk${dryRun ? '?dryRun=true' : ''}`, { rawBody: csv, token, headers: { 'content-type': 'text/csv' } });
	return { status: res.status, body: (await res.json()) as unknown };
}

const certificatesWith = async (prefix: string) =>
	Number((await server.db.selectFrom('certificates').select((eb) => eb.fn.countAll<number>().as('n')).where('reference', 'like', `${prefix}-%`).executeTakeFirstOrThrow()).n);

describe('bulk certificates from a CSV', () => {
	it('issues 1,000 valid rows in one transaction, fast, and each serial registers', async () => {
		const started = performance.now();
		const { status, body } = await upload(csvFor('ok', 1000));
		const ms = performance.now() - started;
		expect(status, JSON.stringify(body).slice(0, 300)).toBe(201);
		const issued = body as BulkIssued;
		expect(issued).toMatchObject({ dryRun: false, rows: 1000, serials: 1000 });
		expect(issued.certificates[0]).toMatchObject({ row: 2, accountId: acme, accountName: 'Acme Field Services', sku: 'KF-EDGE', quantity: 1, reference: 'ok-1' });
		for (const c of issued.certificates) expect(parseCode('serial', c.serials[0]!)).toEqual({ ok: true, code: c.serials[0] });
		console.info(`bulk issue of 1,000 rows: ${ms.toFixed(0)} ms (request in, certificates, serials and journal written)`);
		expect(ms).toBeLessThan(5000);

		// now() is the transaction's start: one created_at for all 1,000 rows means one transaction wrote them.
		const stamps = await server.db.selectFrom('certificates').select('created_at').distinct().where('reference', 'like', 'ok-%').execute();
		expect(stamps).toHaveLength(1);
		expect(await certificatesWith('ok')).toBe(1000);
		const journal = await server.db.selectFrom('activity').select('details').where('action', '=', 'admin.certificates.bulk').where('account_id', '=', acme).execute();
		expect(journal).toHaveLength(1);
		const lines = (journal[0]!.details as { certificates: { id: string; reference: string }[] }).certificates;
		expect(lines.map((l) => l.id)).toEqual(issued.certificates.map((c) => c.id));

		const tech = await server.login('tech@acme.test');
		const { body: pushed } = await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: issued.certificates[999]!.serials[0]! })]);
		expect(pushed.results[0]).toMatchObject({ status: 'applied' });

		const warm = performance.now();
		expect((await upload(csvFor('warm', 1000))).status).toBe(201);
		console.info(`bulk issue of 1,000 rows, warm: ${(performance.now() - warm).toFixed(0)} ms`);

		// The same file again: every reference was issued, so nothing is issued twice.
		const again = await upload(csvFor('ok', 3));
		expect(again.status).toBe(422);
		expect(ErrorBody.parse(again.body).error.details.errors).toEqual([2, 3, 4].map((row) => expect.objectContaining({ row, problem: 'reference_issued' })));
	}, 60_000);

	it('writes nothing when one row is wrong, and names the rows and reasons', async () => {
		const serialsBefore = Number((await server.db.selectFrom('serials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
		const csv = csvFor('bad', 1000, (line, i) => (i === 499 ? line.replace('KF-EDGE', 'KF-NOPE') : line));
		const { status, body } = await upload(csv);
		expect(status).toBe(422);
		const error = ErrorBody.parse(body).error;
		expect(error.code).toBe('csv_rows_invalid');
		expect(error.details).toMatchObject({ rows: 1000, errorCount: 1, errors: [{ row: 501, column: 'sku', problem: 'unknown_sku', message: expect.stringContaining('KF-NOPE') }] });
		expect(await certificatesWith('bad')).toBe(0);
		expect(Number((await server.db.selectFrom('serials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(serialsBefore);
	});

	it('checks a file on a dry run without writing, with a preview and every kind of row error', async () => {
		const rows = [
			`${acme},KF-EDGE,5,2031-12-31,2,dry-1`,
			`,kf-edge,1,2030-06-30,,dry-2`, // boxed; the SKU in lower case is still the SKU
			`${crypto.randomUUID()},KF-EDGE,1,2031-12-31,1,dry-3`,
			`${acme},KF-EDGE,1,2031-02-30,1,dry-4`,
			`${acme},KF-EDGE,0,2031-12-31,1001,dry-5`,
			`${acme},KF-EDGE,5,2031-12-31,2,dry-1`,
			`not-an-id,,1,2031-12-31,1,dry-7`,
			`${acme},KF-EDGE,3,2031-12-31,1,`,
			`${acme},KF-EDGE,3,2031-12-31,1,`
		];
		const { status, body } = await upload([HEADER, ...rows].join('\n'), { dryRun: true });
		expect(status).toBe(200);
		const check = body as BulkCheck;
		expect(check).toMatchObject({ dryRun: true, rows: 9, valid: false, serials: 4 });
		const problems = check.errors.map((e: BulkRowError) => [e.row, e.column, e.problem]);
		expect(problems).toEqual([
			[4, 'account_id', 'unknown_account'],
			[5, 'maintenance_end', 'bad_date'],
			[6, 'quantity', 'bad_quantity'],
			[6, 'serial_count', 'bad_serial_count'],
			[7, 'reference', 'duplicate_row'],
			[8, 'account_id', 'bad_account_id'],
			[8, 'sku', 'missing_value'],
			[10, null, 'duplicate_row']
		]);
		expect(check.errorCount).toBe(8);
		expect(check.preview.map((r) => [r.row, r.accountId, r.sku, r.serialCount])).toEqual([[2, acme, 'KF-EDGE', 2], [3, null, 'KF-EDGE', 1], [9, acme, 'KF-EDGE', 1]]);
		expect(await certificatesWith('dry')).toBe(0);

		const valid = await upload(csvFor('dryok', 10), { dryRun: true });
		expect(valid.body).toMatchObject({ valid: true, rows: 10, serials: 10, errorCount: 0, errors: [] });
		expect(await certificatesWith('dryok')).toBe(0);
	});

	it('issues boxed certificates, and reads ; separated files with spreadsheet headers', async () => {
		const csv = 'Account ID;SKU;Quantity;Maintenance End;Serial Count;Reference\n;KF-EDGE;2;2032-01-31;3;boxed-1\n';
		const { status, body } = await upload(csv);
		expect(status).toBe(201);
		expect((body as BulkIssued).certificates).toEqual([expect.objectContaining({ accountId: null, accountName: null, quantity: 2, serials: expect.any(Array) })]);
		expect((body as BulkIssued).certificates[0]!.serials).toHaveLength(3);
	});

	it('answers a file that is not a certificate CSV with 400 csv_invalid', async () => {
		for (const [csv, detail] of [
			['', {}],
			[HEADER + '\n', {}],
			[`${HEADER}\n${acme},KF-EDGE,1,"2031-12-31`, { line: 2 }],
			['account,sku,qty\n1,2,3', { unknown: ['account', 'qty'], missing: ['account_id', 'quantity', 'maintenance_end'] }],
			[`${HEADER}\n${acme},KF-EDGE,1`, { row: 2 }],
			[`${HEADER}\n` + Array.from({ length: 51 }, (_, i) => `,KF-EDGE,1,2031-01-01,1000,many-${i}\n`).join(''), { max: 50_000 }]
		] as const) {
			const { status, body } = await upload(csv, { dryRun: true });
			expect(status, csv.slice(0, 80)).toBe(400);
			const error = ErrorBody.parse(body).error;
			expect(error.code).toBe('csv_invalid');
			expect(error.details).toMatchObject(detail);
		}
		expect((await server.call('/api/admin/certificates/bulk?dryRun=yes', { rawBody: csvFor('q', 1), token: vendor })).status).toBe(400);
	});

	it('is for vendor operators only', async () => {
		expect((await upload(csvFor('auth', 1), { token: null })).status).toBe(401);
		const admin = await server.login('admin@acme.test');
		const { status, body } = await upload(csvFor('auth', 1), { token: admin });
		expect(status).toBe(403);
		expect(ErrorBody.parse(body).error.code).toBe('forbidden');
		expect(await certificatesWith('auth')).toBe(0);
	});
});
