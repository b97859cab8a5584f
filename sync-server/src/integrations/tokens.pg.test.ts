import type { ApiTokenList, CreatedApiToken } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TOKEN_FAILURES } from '../auth/api-tokens.ts';
import { hashToken } from '../auth/tokens.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;
let acmeAdmin: string;
let acme: string;
let globex: string;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	acmeAdmin = await server.login('admin@acme.test');
	acme = await server.accountId(acmeAdmin, 'Acme Field Services');
	globex = await server.accountId(await server.login('admin@globex.test'), 'Globex Industrial');
});
afterAll(() => server?.close());

async function vendorToken(scopes: string[], name = 'Order system'): Promise<CreatedApiToken> {
	const res = await server.call('/api/admin/tokens', { token: vendor, body: { name, scopes } });
	expect(res.status).toBe(201);
	return (await res.json()) as CreatedApiToken;
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('vendor API tokens', () => {
	it('are shown once with their prefix, stored only as a hash, listed without the token, and journaled', async () => {
		const created = await vendorToken(['catalog', 'read']);
		expect(created.token).toMatch(/^kf_live_[A-Za-z0-9_-]{43}$/);
		expect(created.token.startsWith(created.prefix)).toBe(true);
		const row = await server.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
		expect(row.token_hash).toBe(hashToken(created.token));
		expect(JSON.stringify(row)).not.toContain(created.token.slice(12));

		const list = (await (await server.call('/api/admin/tokens', { token: vendor })).json()) as ApiTokenList;
		expect(list.tokens.find((t) => t.id === created.id)).toMatchObject({ name: 'Order system', scopes: ['catalog', 'read'], prefix: created.prefix, createdBy: 'vendor@keyfield.test', lastUsedAt: null });
		expect(JSON.stringify(list)).not.toContain(created.token);

		const journal = await server.db.selectFrom('activity').select(['action', 'details']).where('action', '=', 'token.create').execute();
		expect(journal.some((j) => (j.details as unknown as { tokenId: string }).tokenId === created.id)).toBe(true);
		expect(JSON.stringify(journal)).not.toContain(created.token);
	});

	it('act on the vendor API with the right scope, 403 with the wrong one, 401 once revoked', async () => {
		const catalog = await vendorToken(['catalog']);
		const created = await server.call('/api/admin/products', { token: catalog.token, body: { sku: 'KF-TOKEN', name: 'By token', version: '1.0' } });
		expect(created.status).toBe(201);
		// Journaled as the vendor operator who made the token.
		const journal = await server.db.selectFrom('activity').innerJoin('users', 'users.id', 'activity.user_id').select('users.email').where('action', '=', 'admin.product.create').where('details', '@>', JSON.stringify({ sku: 'KF-TOKEN' }) as never).executeTakeFirstOrThrow();
		expect(journal.email).toBe('vendor@keyfield.test');

		const wrong = await server.call('/api/admin/certificates', { token: catalog.token, body: { accountId: acme, sku: 'KF-TOKEN', quantity: 1, maintenanceEnd: '2030-01-01', serialCount: 1 } });
		expect(wrong.status).toBe(403);
		expect(await errorCode(wrong)).toBe('forbidden');
		// `read` opens every GET of the vendor API, and nothing else.
		const reader = await vendorToken(['read']);
		expect((await server.call(`/api/admin/certificates?accountId=${acme}`, { token: reader.token })).status).toBe(200);
		expect((await server.call('/api/admin/products', { token: reader.token, body: { sku: 'KF-NO', name: 'No', version: '1' } })).status).toBe(403);
		// Tokens never reach the sync protocol or token management.
		expect((await server.call('/api/sync/pull', { token: catalog.token, body: {} })).status).toBe(403);
		expect((await server.call('/api/admin/tokens', { token: catalog.token })).status).toBe(403);

		expect((await server.call(`/api/admin/tokens/${catalog.id}`, { token: vendor, method: 'DELETE' })).status).toBe(200);
		const revoked = await server.call('/api/admin/products', { token: catalog.token, body: { sku: 'KF-TOKEN2', name: 'After', version: '1.0' } });
		expect(revoked.status).toBe(401);
		expect(await errorCode(revoked)).toBe('unauthorized');
		expect((await server.call(`/api/admin/tokens/${catalog.id}`, { token: vendor, method: 'DELETE' })).status).toBe(404);
		expect(await server.db.selectFrom('activity').select('id').where('action', '=', 'token.revoke').where('details', '@>', JSON.stringify({ tokenId: catalog.id }) as never).executeTakeFirst()).toBeDefined();
	});

	it('record when they were last used', async () => {
		const reader = await vendorToken(['read']);
		await server.call(`/api/admin/contracts?accountId=${acme}`, { token: reader.token });
		const row = await server.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', reader.id).executeTakeFirstOrThrow();
		expect(row.last_used_at).toBeInstanceOf(Date);
	});

	it('stop working when they expire', async () => {
		const res = await server.call('/api/admin/tokens', { token: vendor, body: { name: 'Short-lived', scopes: ['read'], expiresInDays: 1 } });
		const short = (await res.json()) as CreatedApiToken;
		expect(Date.parse(short.expiresAt!) - Date.now()).toBeGreaterThan(23 * 3600_000);
		expect((await server.call(`/api/admin/contracts?accountId=${acme}`, { token: short.token })).status).toBe(200);
		await server.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', short.id).execute();
		expect((await server.call(`/api/admin/contracts?accountId=${acme}`, { token: short.token })).status).toBe(401);
	});

	it('stop working when their creator is no longer a vendor operator', async () => {
		const reader = await vendorToken(['read']);
		const vendorId = (await server.db.selectFrom('users').select('id').where('email', '=', 'vendor@keyfield.test').executeTakeFirstOrThrow()).id;
		await server.db.updateTable('users').set({ vendor: false }).where('id', '=', vendorId).execute();
		try {
			expect((await server.call(`/api/admin/contracts?accountId=${acme}`, { token: reader.token })).status).toBe(401);
		} finally {
			await server.db.updateTable('users').set({ vendor: true }).where('id', '=', vendorId).execute();
		}
	});
});

describe('account API tokens', () => {
	async function accountToken(accountId: string, token = acmeAdmin) {
		return server.call('/api/account/tokens', { token, body: { accountId, name: 'ERP' } });
	}

	it('are for the account admins only', async () => {
		expect((await accountToken(acme, await server.login('tech@acme.test'))).status).toBe(403);
		expect((await accountToken(globex)).status).toBe(403);
		expect((await server.call(`/api/account/tokens?accountId=${globex}`, { token: acmeAdmin })).status).toBe(403);
	});

	it("read their own account's licenses and contracts and no other account's", async () => {
		const res = await accountToken(acme);
		expect(res.status).toBe(201);
		const created = (await res.json()) as CreatedApiToken;
		expect(created).toMatchObject({ kind: 'account', accountId: acme, scopes: ['read'] });

		const page = await server.call('/api/v1/licenses?limit=2', { token: created.token });
		expect(page.status).toBe(200);
		const body = (await page.json()) as { accountId: string; licenses: { id: string }[]; next: string | null };
		expect(body.accountId).toBe(acme);
		const all = await server.db.selectFrom('licenses').select('id').where('account_id', '=', acme).orderBy('id').execute();
		expect(body.licenses.map((l) => l.id)).toEqual(all.slice(0, 2).map((l) => l.id));
		if (all.length > 2) expect(body.next).toBe(all[1]!.id);
		expect((await server.call('/api/v1/contracts', { token: created.token })).status).toBe(200);

		// No parameter names another account; a vendor route, a write, or the sync protocol refuse the token.
		const other = (await (await server.call(`/api/v1/licenses?accountId=${globex}&limit=1000`, { token: created.token })).json()) as { licenses: { id: string }[] };
		const globexIds = new Set((await server.db.selectFrom('licenses').select('id').where('account_id', '=', globex).execute()).map((l) => l.id));
		expect(other.licenses.some((l) => globexIds.has(l.id))).toBe(false);
		expect((await server.call(`/api/admin/contracts?accountId=${globex}`, { token: created.token })).status).toBe(403);
		expect((await server.call('/api/sync/push', { token: created.token, body: {} })).status).toBe(403);
		// A session is not an account token.
		expect((await server.call('/api/v1/licenses', { token: acmeAdmin })).status).toBe(403);

		const list = (await (await server.call(`/api/account/tokens?accountId=${acme}`, { token: acmeAdmin })).json()) as ApiTokenList;
		expect(list.tokens.map((t) => t.id)).toContain(created.id);
		// Another account's admin cannot see or revoke it.
		const globexAdmin = await server.login('admin@globex.test');
		expect((await server.call(`/api/account/tokens/${created.id}`, { token: globexAdmin, method: 'DELETE' })).status).toBe(404);
		expect((await server.call(`/api/account/tokens/${created.id}`, { token: acmeAdmin, method: 'DELETE' })).status).toBe(200);
		expect((await server.call('/api/v1/licenses', { token: created.token })).status).toBe(401);
	});
});

describe('failed token attempts', () => {
	it('are limited per address: 429 with Retry-After, also for a valid token meanwhile', async () => {
		const valid = await vendorToken(['read']);
		const headers = { 'x-forwarded-for': '198.51.100.9' };
		for (let i = 0; i < MAX_TOKEN_FAILURES; i++) {
			expect((await server.call('/api/admin/tokens', { token: `kf_live_${'x'.repeat(43)}${i}`, headers })).status).toBe(401);
		}
		const blocked = await server.call(`/api/admin/contracts?accountId=${acme}`, { token: valid.token, headers });
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
		// Another address is not affected.
		expect((await server.call(`/api/admin/contracts?accountId=${acme}`, { token: valid.token, headers: { 'x-forwarded-for': '198.51.100.10' } })).status).toBe(200);
	});
});
