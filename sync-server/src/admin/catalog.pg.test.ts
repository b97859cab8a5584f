// The vendor console's Catalog reads: products with their renewal cutoff and counts, releases with their artifacts,
// both keyset pages; vendors only, and hostile text is a 400, never a database error.
import { ErrorBody, ProductsPage, ReleasesPage } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;
let admin: string;

beforeAll(async () => {
	server = await startTestServer();
	[vendor, admin] = (await Promise.all(['vendor@keyfield.test', 'admin@acme.test'].map((e) => server.login(e)))) as [string, string];
});
afterAll(() => server?.close());

async function call<T>(path: string, { token = vendor, body, status = 200 }: { token?: string; body?: unknown; status?: number } = {}): Promise<T> {
	const res = await server.call(path, { token, body });
	const json = (await res.json()) as T;
	expect(res.status, `${path} ${JSON.stringify(json)}`).toBe(status);
	return json;
}

/** Every page from the first, following `next`. */
async function allPages<T>(path: string, read: (json: unknown) => { rows: T[]; next: string | null }): Promise<T[]> {
	const rows: T[] = [];
	let next: string | null = null;
	do {
		const sep = path.includes('?') ? '&' : '?';
		const page = read(await call(next ? `${path}${sep}after=${encodeURIComponent(next)}` : path));
		rows.push(...page.rows);
		next = page.next;
	} while (next);
	return rows;
}

describe('catalog reads', () => {
	it('lists products by SKU a page at a time, with the renewal cutoff and what hangs off each', async () => {
		await call('/api/admin/products', { body: { sku: 'CAT-ONE', name: 'Catalog One', version: '3.0' }, status: 201 });
		await call('/api/admin/contracts/renewal-cutoff', { body: { sku: 'CAT-ONE', cutoffVersion: '2.0' } });
		await call('/api/admin/packages', { body: { sku: 'CAT-ONE', name: 'Five seats', seats: 5, priceMinor: 50_000, currency: 'EUR' }, status: 201 });
		await call('/api/admin/releases', { body: { sku: 'CAT-ONE', version: '3.0.1', platform: 'linux-x64', channel: 'stable', publishedOn: '2026-11-01' }, status: 201 });

		const products = await allPages('/api/admin/products?limit=2', (j) => {
			const p = ProductsPage.parse(j);
			return { rows: p.products, next: p.next };
		});
		const skus = products.map((p) => p.sku);
		expect(skus).toEqual([...skus].sort());
		expect(new Set(skus).size).toBe(skus.length);
		expect(products.find((p) => p.sku === 'CAT-ONE')).toMatchObject({ name: 'Catalog One', version: '3.0', renewalCutoffVersion: '2.0', packages: 1, releases: 1 });
		expect(skus).toContain('KF-EDGE');
	});

	it('lists releases newest first with their artifacts, all or one product’s', async () => {
		await call('/api/admin/products', { body: { sku: 'CAT-TWO', name: 'Catalog Two', version: '1.0' }, status: 201 });
		const ids: string[] = [];
		for (const version of ['1.0.0', '1.0.1', '1.0.2']) {
			ids.push((await call<{ id: string }>('/api/admin/releases', { body: { sku: 'CAT-TWO', version, platform: 'windows-x64', channel: 'stable', publishedOn: '2026-11-02' }, status: 201 })).id);
		}
		const bytes = new TextEncoder().encode('installer bytes');
		const upload = await server.call(`/api/admin/releases/${ids[0]}/artifacts?fileName=setup.exe`, { token: vendor, rawBody: bytes, headers: { 'content-type': 'application/octet-stream' } });
		expect(upload.status).toBe(201);

		const releases = await allPages('/api/admin/releases?sku=CAT-TWO&limit=2', (j) => {
			const p = ReleasesPage.parse(j);
			return { rows: p.releases, next: p.next };
		});
		expect(releases.map((r) => r.version)).toEqual(['1.0.2', '1.0.1', '1.0.0']);
		expect(releases[2]!.artifacts).toEqual([expect.objectContaining({ fileName: 'setup.exe', size: bytes.length, contentType: 'application/octet-stream' })]);
		expect(releases[0]!.artifacts).toEqual([]);

		const all = ReleasesPage.parse(await call('/api/admin/releases?limit=200'));
		expect(all.releases.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
		expect(ReleasesPage.parse(await call('/api/admin/releases?sku=NO-SUCH')).releases).toEqual([]);
	});

	it('refuses non-vendors, bad cursors and NUL characters with 4xx, never a 500', async () => {
		for (const path of ['/api/admin/products', '/api/admin/releases']) {
			expect(ErrorBody.parse(await call(path, { token: admin, status: 403 })).error.code).toBe('forbidden');
			await call(`${path}?after=not-a-cursor`, { status: 400 });
			await call(`${path}?limit=0`, { status: 400 });
		}
		await call('/api/admin/releases?sku=A%00B', { status: 400 });
		const nul = '\u0000';
		await call('/api/admin/products', { body: { sku: 'CAT-NUL', name: `a${nul}b`, version: '1' }, status: 400 });
		await call('/api/admin/contracts/renewal-cutoff', { body: { sku: 'KF-EDGE', cutoffVersion: `1${nul}` }, status: 400 });
		await call('/api/admin/packages', { body: { sku: 'KF-EDGE', name: `x${nul}`, seats: 1, priceMinor: 1, currency: 'EUR' }, status: 400 });
		await call('/api/admin/releases', { body: { sku: 'KF-EDGE', version: '9', platform: 'linux', channel: 'stable', notes: `n${nul}`, publishedOn: '2026-11-01' }, status: 400 });
	});
});
