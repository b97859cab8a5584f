// The vendor API the console's forms and confirmation lists read: account choices, pending renewals and co-terms
// across accounts (confirmed through the existing routes), and a certificate's order reference.
import { ErrorBody, PendingConfirmations, addDays, todayIn } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;
let admin: string;
let acme: string;
const today = todayIn('UTC');

beforeAll(async () => {
	server = await startTestServer();
	[vendor, admin] = (await Promise.all(['vendor@keyfield.test', 'admin@acme.test'].map((e) => server.login(e)))) as [string, string];
	acme = await server.accountId(admin, 'Acme Field Services');
});
afterAll(() => server?.close());

async function get<T>(path: string, token = vendor, status = 200): Promise<T> {
	const res = await server.call(path, { token });
	const json = (await res.json()) as T;
	expect(res.status, JSON.stringify(json)).toBe(status);
	return json;
}

async function newContract(daysLeft: number): Promise<string> {
	const endsOn = addDays(today, daysLeft);
	const cert = (await (await server.call('/api/admin/certificates', { token: vendor, body: { accountId: acme, sku: 'KF-EDGE', quantity: 2, maintenanceEnd: endsOn, serialCount: 1 } })).json()) as { id: string };
	const res = await server.call('/api/admin/contracts', { token: vendor, body: { accountId: acme, certificateId: cert.id, startsOn: addDays(endsOn, -364), endsOn, channel: 'online', purchasedOn: addDays(endsOn, -364) } });
	return ((await res.json()) as { id: string }).id;
}

const push = async (name: string, args: Record<string, unknown>) => {
	const { body } = await server.push(admin, crypto.randomUUID(), [{ id: 1, name, createdAt: new Date().toISOString(), args }]);
	expect(body.results[0]).toMatchObject({ status: 'applied' });
};

describe('vendor console lookups', () => {
	it('offers accounts by part of the name or by id, never the vendor or catalog accounts', async () => {
		const { accounts } = await get<{ accounts: { id: string; name: string; kind: string }[] }>('/api/admin/account-choices?q=ACME');
		expect(accounts).toEqual([{ id: acme, name: 'Acme Field Services', kind: 'customer' }]);
		expect((await get<{ accounts: unknown[] }>(`/api/admin/account-choices?q=${acme.toUpperCase()}`)).accounts).toHaveLength(1);
		const all = (await get<{ accounts: { kind: string }[] }>('/api/admin/account-choices')).accounts;
		expect(all.map((a) => a.kind)).not.toContain('vendor');
		expect(all.map((a) => a.kind)).not.toContain('catalog');
		expect((await get<{ accounts: { kind: string }[] }>('/api/admin/account-choices?kind=partner')).accounts.every((a) => a.kind === 'partner')).toBe(true);
		expect((await get<{ accounts: unknown[] }>('/api/admin/account-choices?q=%25')).accounts).toEqual([]);
		await get('/api/admin/account-choices?kind=vendor', vendor, 400);
		// Hostile search text is a 400 or an empty answer, never a database error.
		for (const q of ['%00', '%ED%A0%80', encodeURIComponent("'; drop table accounts; --"), 'x'.repeat(201)]) {
			const res = await server.call(`/api/admin/account-choices?q=${q}`, { token: vendor });
			expect(res.status, q).toBeLessThan(500);
		}
		expect(ErrorBody.parse(await get('/api/admin/account-choices', admin, 403)).error.code).toBe('forbidden');
	});

	it('lists pending renewals and co-terms across accounts until they are confirmed', async () => {
		const before = PendingConfirmations.parse(await get('/api/admin/contracts/pending'));
		const renewing = await newContract(15);
		const renewalId = crypto.randomUUID();
		await push('contract.renew', { renewalId, contractId: renewing, accountId: acme });
		const [a, b] = [await newContract(30), await newContract(90)];
		const cotermId = crypto.randomUUID();
		await push('contract.coterm', { cotermId, accountId: acme, contractIds: [a, b] });

		const pending = PendingConfirmations.parse(await get('/api/admin/contracts/pending'));
		expect(pending.renewals).toHaveLength(before.renewals.length + 1);
		expect(pending.renewals.find((r) => r.contract.id === renewing)).toMatchObject({ accountName: 'Acme Field Services', contract: { pendingRenewal: { id: renewalId, requestedBy: 'admin@acme.test' } } });
		const request = pending.coterms.find((c) => c.cotermId === cotermId)!;
		expect(request).toMatchObject({ accountId: acme, accountName: 'Acme Field Services', commonEnd: addDays(today, 90), requestedOn: today });
		expect(request.contracts.map((c) => c.id).sort()).toEqual([a, b].sort());

		expect((await server.call(`/api/admin/contracts/${renewing}/confirm-renewal`, { token: vendor, body: { renewalId } })).status).toBe(200);
		expect((await server.call(`/api/admin/contracts/coterms/${cotermId}/confirm`, { token: vendor, method: 'POST' })).status).toBe(200);
		const after = PendingConfirmations.parse(await get('/api/admin/contracts/pending'));
		expect(after.renewals.map((r) => r.contract.id)).not.toContain(renewing);
		expect(after.coterms.map((c) => c.cotermId)).not.toContain(cotermId);
		await get('/api/admin/contracts/pending', admin, 403);
	});

	it("keeps a certificate's order reference unique", async () => {
		const body = { accountId: acme, sku: 'KF-EDGE', quantity: 1, maintenanceEnd: '2031-01-31', serialCount: 1, reference: 'PO-77' };
		expect((await server.call('/api/admin/certificates', { token: vendor, body })).status).toBe(201);
		const again = await server.call('/api/admin/certificates', { token: vendor, body });
		expect(again.status).toBe(409);
		expect(ErrorBody.parse(await again.json()).error.message).toContain('PO-77');
		expect((await server.call('/api/admin/certificates', { token: vendor, body: { ...body, reference: 'PO\u0000' } })).status).toBe(400);
	});
});
