// Races at scale: 50 simulated devices (5 users × 10 devices each, every device its own client id) redeem 10
// vouchers at the same moment, five devices per voucher, over real HTTP: exactly 10 licenses, one per voucher;
// everyone else is told `voucher_already_redeemed`, and nothing is half-written.
import { PROTOCOL_VERSION, SCHEMA_VERSION, type PushResponse } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from './support/device.ts';
import { RealServer } from './support/server.ts';

let server: RealServer;

beforeAll(async () => {
	server = await RealServer.start();
});
afterAll(() => server?.close());

describe('races at scale', () => {
	it('50 devices racing for 10 vouchers: exactly 10 applied, one per voucher', async () => {
		const ws = await server.workspace('technician');
		const users = [ws.email];
		for (let i = 1; i < 5; i++) {
			const email = `racer-${i}-${crypto.randomUUID().slice(0, 8)}@customer.test`;
			await server.vendor('POST', '/api/admin/users', { email, password: 'keyfield-demo', accountId: ws.accountId, role: 'technician' });
			users.push(email);
		}
		const tokens = await Promise.all(users.map((email) => server.login(email)));
		const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		const { codes } = await server.vendor<{ codes: string[] }>('POST', '/api/admin/vouchers', { sku: 'KF-EDGE', seats: 1, termMonths: 12, expiresOn, count: 10 });

		const devices = Array.from({ length: 50 }, (_, i) => ({ token: tokens[i % tokens.length]!, clientId: crypto.randomUUID(), code: codes[i % codes.length]! }));
		const results = await Promise.all(
			devices.map(async ({ token, clientId, code }) => {
				const mutation = { id: 1, name: 'voucher.redeem', createdAt: new Date().toISOString(), args: { licenseId: crypto.randomUUID(), accountId: ws.accountId, code, registration } };
				const res = await fetch(`${server.url}/api/sync/push`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
					body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, mutations: [mutation] })
				});
				expect(res.status).toBe(200);
				return { code, result: ((await res.json()) as PushResponse).results[0]! };
			})
		);

		const applied = results.filter((r) => r.result.status === 'applied');
		expect(applied).toHaveLength(10);
		expect(new Set(applied.map((r) => r.code)).size).toBe(10);
		expect(results.filter((r) => r.result.status === 'rejected').map((r) => r.result.code)).toEqual(Array(40).fill('voucher_already_redeemed'));
		const licenses = await server.db.selectFrom('licenses').select(['id', 'source_id']).where('account_id', '=', ws.accountId).execute();
		expect(licenses).toHaveLength(10);
		expect(new Set(licenses.map((l) => l.source_id)).size).toBe(10);
	}, 120_000);
});
