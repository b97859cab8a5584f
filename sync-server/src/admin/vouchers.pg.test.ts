import { parseCode } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
});
afterAll(() => server?.close());

async function call<T>(path: string, body: unknown, status: number, token: string | null = vendor): Promise<T> {
	const res = await server.call(path, { token, ...(body === undefined ? {} : { body }) });
	const json = await res.json();
	expect(res.status, JSON.stringify(json)).toBe(status);
	return json as T;
}

const batch = { sku: 'KF-EDGE', seats: 4, termMonths: 36, expiresOn: '2099-06-30', count: 5 };

describe('vendor voucher API', () => {
	it('is for vendor operators only', async () => {
		await call('/api/admin/vouchers', batch, 401, null);
		const partner = await server.login('partner@northwind.test');
		expect(await call('/api/admin/vouchers', batch, 403, partner)).toMatchObject({ error: { code: 'forbidden' } });
		await call('/api/admin/vouchers/void', { codes: [server.seed.vouchers[0]!.codes[0]] }, 403, partner);
	});

	it('mints a batch of distinct valid codes, lists it, and journals it', async () => {
		const { batchId, codes } = await call<{ batchId: string; codes: string[] }>('/api/admin/vouchers', batch, 201);
		expect(new Set(codes).size).toBe(5);
		for (const code of codes) expect(parseCode('voucher', code)).toEqual({ ok: true, code });
		const listing = await call<{ vouchers: { code: string }[] }>(`/api/admin/vouchers/batches/${batchId}`, undefined, 200);
		expect(listing).toEqual({
			batchId, sku: 'KF-EDGE', seats: 4, termMonths: 36, expiresOn: '2099-06-30', restrictedToAccountId: null,
			vouchers: [...codes].sort().map((code) => ({ code, status: 'available', redeemedAt: null, accountId: null, licenseId: null }))
		});
		const journal = await server.db.selectFrom('activity').select('details').where('action', '=', 'admin.vouchers.mint').execute();
		expect(journal).toContainEqual({ details: expect.objectContaining({ batchId, count: 5 }) });
	});

	it('refuses what could never be redeemed or is not a restriction to a partner', async () => {
		expect(await call('/api/admin/vouchers', { ...batch, sku: 'NOPE' }, 404)).toMatchObject({ error: { code: 'not_found' } });
		expect(await call('/api/admin/vouchers', { ...batch, expiresOn: '2001-01-01' }, 409)).toMatchObject({ error: { code: 'conflict' } });
		const partner = await server.login('partner@northwind.test');
		const acme = await server.accountId(partner, 'Acme Field Services');
		expect(await call('/api/admin/vouchers', { ...batch, restrictedToAccountId: acme }, 409)).toMatchObject({ error: { code: 'conflict' } });
		expect(await call('/api/admin/vouchers', { ...batch, restrictedToAccountId: crypto.randomUUID() }, 404)).toMatchObject({ error: { code: 'not_found' } });
		for (const bad of [{ ...batch, count: 0 }, { ...batch, count: 1001 }, { ...batch, seats: -1 }, { ...batch, termMonths: 1.5 }, { ...batch, expiresOn: 'soon' }, []]) {
			expect(await call('/api/admin/vouchers', bad, 400)).toMatchObject({ error: { code: 'validation_failed' } });
		}
		await call(`/api/admin/vouchers/batches/not-a-uuid`, undefined, 400);
		await call(`/api/admin/vouchers/batches/${crypto.randomUUID()}`, undefined, 404);
	});

	it('voids codes as typed (normalised), reports unknown ones, and rejects malformed ones', async () => {
		const { codes } = await call<{ codes: string[] }>('/api/admin/vouchers', { ...batch, count: 2 }, 201);
		const typed = codes[0]!.toLowerCase().replace(/-/g, ' ');
		const foreign = server.seed.vouchers[1]!.codes[3]!;
		const result = await call('/api/admin/vouchers/void', { codes: [typed, foreign, typed] }, 200);
		expect(result).toEqual({ voided: [codes[0], foreign].sort(), alreadyRedeemed: [], unknown: [] });
		await call('/api/admin/vouchers/void', { codes: ['V-12345'] }, 400);
		await call('/api/admin/vouchers/void', { codes: [] }, 400);
	});

	it('documents every voucher route in openapi.json', async () => {
		const doc = await call<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json', undefined, 200, null);
		expect(Object.keys(doc.paths['/api/admin/vouchers']!)).toEqual(['post']);
		expect(Object.keys(doc.paths['/api/admin/vouchers/void']!)).toEqual(['post']);
		expect(Object.keys(doc.paths['/api/admin/vouchers/batches/{id}']!)).toEqual(['get']);
	});
});
