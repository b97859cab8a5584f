import { CATALOG_ACCOUNT_ID, parseCode } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
});
afterAll(() => server?.close());

async function post<T>(path: string, body: unknown, status = 201): Promise<T> {
	const res = await server.call(path, { token: vendor, body });
	const json = await res.json();
	expect(res.status, JSON.stringify(json)).toBe(status);
	return json as T;
}

describe('vendor API', () => {
	it('is for vendor operators only', async () => {
		expect((await server.call('/api/admin/accounts', { body: { name: 'X', kind: 'customer' } })).status).toBe(401);
		const admin = await server.login('admin@acme.test');
		const res = await server.call('/api/admin/certificates?boxed=1', { token: admin });
		expect(res.status).toBe(403);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
	});

	it('creates an account, a user, a product and a certificate that a new user can register', async () => {
		const { id: accountId } = await post<{ id: string }>('/api/admin/accounts', { name: 'Umbrella Labs', kind: 'customer' });
		const { id: userId } = await post<{ id: string }>('/api/admin/users', { email: 'Lead@Umbrella.test', password: 'umbrella-pass', accountId, role: 'technician' });
		await post('/api/admin/products', { sku: 'KF-PROBE', name: 'Keyfield Probe', version: '1.0' });
		await post('/api/admin/products', { sku: 'KF-PROBE', name: 'Again', version: '1.0' }, 409);
		const cert = await post<{ id: string; serials: string[] }>('/api/admin/certificates', { accountId, sku: 'KF-PROBE', quantity: 7, maintenanceEnd: '2031-06-30', serialCount: 3 });
		expect(cert.serials).toHaveLength(3);
		for (const serial of cert.serials) expect(parseCode('serial', serial)).toEqual({ ok: true, code: serial });

		const listing = await server.call(`/api/admin/certificates?accountId=${accountId}`, { token: vendor });
		expect(await listing.json()).toEqual({
			certificates: [{ id: cert.id, accountId, sku: 'KF-PROBE', quantity: 7, maintenanceEnd: '2031-06-30', serials: cert.serials.map((serial) => ({ serial, licenseId: null })).sort((a, b) => a.serial.localeCompare(b.serial)) }]
		});

		const lead = await server.login('lead@umbrella.test', 'umbrella-pass');
		const mutation = requestKey(1, { accountId, serial: cert.serials[0]! });
		const { body } = await server.push(lead, crypto.randomUUID(), [mutation]);
		expect(body.results[0]).toMatchObject({ status: 'applied' });
		const after = (await (await server.call(`/api/admin/certificates?accountId=${accountId}`, { token: vendor })).json()) as { certificates: { serials: { serial: string; licenseId: string | null }[] }[] };
		expect(after.certificates[0]!.serials.find((s) => s.serial === cert.serials[0])!.licenseId).toBe(mutation.args.licenseId);

		// Existing email: adds a membership to another account instead of a second user.
		const { id: other } = await post<{ id: string }>('/api/admin/accounts', { name: 'Umbrella Two', kind: 'customer' });
		expect(await post('/api/admin/users', { email: 'lead@umbrella.test', password: 'ignored-here', accountId: other, role: 'admin' })).toEqual({ id: userId });
		await post('/api/admin/users', { email: 'lead@umbrella.test', password: 'ignored-here', accountId: other, role: 'admin' }, 409);

		const journal = await server.db.selectFrom('activity').select('action').where('user_id', '=', (await server.db.selectFrom('users').select('id').where('email', '=', 'vendor@keyfield.test').executeTakeFirstOrThrow()).id).execute();
		expect(journal.map((j) => j.action)).toEqual(expect.arrayContaining(['admin.account.create', 'admin.user.create', 'admin.product.create', 'admin.certificate.create', 'admin.membership.create']));
	});

	it('adds products to the catalog account and syncs them to everyone', async () => {
		await post('/api/admin/products', { sku: 'KF-NEW', name: 'Keyfield New', version: '0.9' });
		const tech = await server.login('tech@acme.test');
		const { changes } = await server.pullAll(tech, crypto.randomUUID(), null);
		expect(changes).toContainEqual(expect.objectContaining({ table: 'products', op: 'put', row: expect.objectContaining({ sku: 'KF-NEW', accountId: CATALOG_ACCOUNT_ID, productVersion: '0.9' }) }));
	});

	it('lists boxed certificates, validates input, and 404s unknown references', async () => {
		const boxed = (await (await server.call('/api/admin/certificates?boxed=1', { token: vendor })).json()) as { certificates: { accountId: null }[] };
		expect(boxed.certificates.length).toBeGreaterThan(0);
		for (const c of boxed.certificates) expect(c.accountId).toBeNull();
		expect((await server.call('/api/admin/certificates', { token: vendor })).status).toBe(400);
		const invalid = await server.call('/api/admin/certificates', { token: vendor, body: { accountId: null, sku: 'KF-EDGE', quantity: 0, maintenanceEnd: '31/12/2030', serialCount: 5000 } });
		expect(invalid.status).toBe(400);
		const issues = ((await invalid.json()) as { error: { details: { issues: { path: string[] }[] } } }).error.details.issues.map((i) => i.path[0]);
		expect(issues).toEqual(expect.arrayContaining(['quantity', 'maintenanceEnd', 'serialCount']));
		await post('/api/admin/certificates', { accountId: crypto.randomUUID(), sku: 'KF-EDGE', quantity: 1, maintenanceEnd: '2030-01-01', serialCount: 1 }, 404);
		await post('/api/admin/certificates', { accountId: null, sku: 'KF-NOPE', quantity: 1, maintenanceEnd: '2030-01-01', serialCount: 1 }, 404);
		await post('/api/admin/accounts', { name: 'Bad', kind: 'catalog' }, 400);
	});
});

describe('public endpoints', () => {
	it('health, keys and openapi.json', async () => {
		expect(await (await server.call('/api/health')).json()).toEqual({ ok: true });
		const keys = await server.call('/api/keys');
		expect(keys.headers.get('cache-control')).toMatch(/public/);
		expect(await keys.json()).toEqual({ keys: [{ kid: server.signer.kid, alg: 'Ed25519', publicKey: server.signer.publicKey }] });
		const doc = (await (await server.call('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/sync/push', '/api/sync/pull', '/api/admin/certificates', '/api/auth/login']));
	});

	it('answers every documented route', async () => {
		const doc = (await (await server.call('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
		for (const [path, methods] of Object.entries(doc.paths)) {
			for (const [method, op] of Object.entries(methods)) {
				const url = path.replace('{id}', crypto.randomUUID()) + (path === '/api/admin/certificates' && method === 'get' ? '?boxed=1' : '');
				const res = await server.call(url, { method: method.toUpperCase(), token: vendor, ...(op.requestBody ? { body: {} } : {}) });
				// A documented route exists: whatever it says about an empty body, it is not "no such endpoint".
				if (res.status === 404) expect(((await res.json()) as { error: { message: string } }).error.message).not.toMatch(/No such API endpoint/);
				if (path === '/api/sync/events') await res.body?.cancel();
			}
		}
	});
});
