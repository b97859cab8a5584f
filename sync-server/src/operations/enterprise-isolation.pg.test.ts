// Neither Enterprise Flexible operation reads or writes outside the user's scope, and rejections reveal nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgreement, drawDown, release, seatsUsed } from '../test/enterprise-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;
let tech: string;
let globexAdmin: string;
let acme: string;
let globex: string;
let agreementId: string;
let drawnLicenseId: string;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	tech = await server.login('tech@acme.test');
	globexAdmin = await server.login('admin@globex.test');
	acme = await server.accountId(tech, 'Acme Field Services');
	globex = await server.accountId(globexAdmin, 'Globex Industrial');
	agreementId = await createAgreement(server, vendor, { accountId: acme, products: [{ sku: 'KF-EDGE', seatCap: 5 }] });
	const draw = drawDown(1, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 2 });
	await server.push(tech, crypto.randomUUID(), [draw]);
	drawnLicenseId = draw.args.licenseId;
});
afterAll(() => server?.close());

async function pushOne(token: string, mutation: unknown) {
	const { body } = await server.push(token, crypto.randomUUID(), [mutation]);
	return body.results[0]!;
}

describe('scope', () => {
	it("does not let another account's user draw or release on it, whichever account they name", async () => {
		expect(await pushOne(globexAdmin, drawDown(1, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 1 }))).toMatchObject({ code: 'account_not_in_scope' });
		expect(await pushOne(globexAdmin, release(1, { accountId: acme, agreementId, licenseId: drawnLicenseId, seats: 1 }))).toMatchObject({ code: 'account_not_in_scope' });
		// Naming their own account with Acme's agreement reads exactly like an agreement that does not exist.
		const foreign = await pushOne(globexAdmin, drawDown(1, { accountId: globex, agreementId, sku: 'KF-EDGE', seats: 1 }));
		const missing = await pushOne(globexAdmin, drawDown(1, { accountId: globex, agreementId: crypto.randomUUID(), sku: 'KF-EDGE', seats: 1 }));
		expect(foreign).toMatchObject({ status: 'rejected', code: 'agreement_unknown' });
		expect(missing).toEqual({ ...foreign, id: missing.id });
		expect(await pushOne(globexAdmin, release(1, { accountId: globex, agreementId, licenseId: drawnLicenseId, seats: 1 }))).toMatchObject({ code: 'agreement_unknown' });
		expect(await seatsUsed(server, agreementId, 'KF-EDGE')).toBe(2);
	});

	it('does not release a license of the same account that was not drawn from the agreement', async () => {
		const mutation = { id: 1, name: 'license.requestKey', createdAt: new Date().toISOString(), args: { licenseId: crypto.randomUUID(), accountId: acme, serial: server.serials('Acme Field Services')[0]!, registration: { company: 'Acme', contactName: 'A', email: 'a@acme.test', country: 'ES' } } };
		await pushOne(tech, mutation);
		expect(await pushOne(tech, release(1, { accountId: acme, agreementId, licenseId: mutation.args.licenseId, seats: 1 }))).toMatchObject({ code: 'agreement_license_unknown' });
	});

	it('lets a member see the agreement but not draw from it; the delegated partner may', async () => {
		const res = await server.call('/api/admin/users', { token: vendor, body: { email: 'viewer@acme.test', password: 'viewer-pass', accountId: acme, role: 'member' } });
		expect(res.status).toBe(201);
		const member = await server.login('viewer@acme.test', 'viewer-pass');
		expect(await pushOne(member, drawDown(1, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 1 }))).toMatchObject({ code: 'not_allowed' });
		const partner = await server.login('partner@northwind.test');
		expect(await pushOne(partner, drawDown(1, { accountId: acme, agreementId, sku: 'KF-EDGE', seats: 1 }))).toMatchObject({ status: 'applied' });
	});

	it("pulls agreements and events only into the accounts that may see them", async () => {
		const globexChanges = (await server.pullAll(globexAdmin, crypto.randomUUID(), null)).changes;
		expect(globexChanges.filter((c) => c.op === 'put' && (c.table === 'agreements' || c.table === 'agreement_events'))).toEqual([]);
		const partnerToken = await server.login('partner@northwind.test');
		const partnerChanges = (await server.pullAll(partnerToken, crypto.randomUUID(), null)).changes;
		expect(partnerChanges.some((c) => c.op === 'put' && c.table === 'agreements' && c.row.id === agreementId)).toBe(true);
	});
});

describe('vendor API for agreements', () => {
	it('is for vendors, validates the term and the products, and lists usage', async () => {
		const body = { accountId: acme, name: 'X', startsOn: '2026-01-01', endsOn: '2026-12-31', licensee: { company: 'A', contactName: 'B', email: 'b@a.test', country: 'ES' }, products: [{ sku: 'KF-EDGE', seatCap: 3 }] };
		expect((await server.call('/api/admin/agreements', { token: tech, body })).status).toBe(403);
		expect((await server.call('/api/admin/agreements', { token: vendor, body: { ...body, endsOn: '2025-12-31' } })).status).toBe(400);
		expect((await server.call('/api/admin/agreements', { token: vendor, body: { ...body, products: [{ sku: 'KF-NOPE', seatCap: 1 }] } })).status).toBe(404);
		expect((await server.call('/api/admin/agreements', { token: vendor, body: { ...body, accountId: crypto.randomUUID() } })).status).toBe(404);
		expect((await server.call('/api/admin/agreements', { token: vendor, body: { ...body, products: [] } })).status).toBe(400);

		const listing = (await (await server.call(`/api/admin/agreements?accountId=${acme}`, { token: vendor })).json()) as { agreements: { id: string; products: { seatsUsed: number }[]; events: { kind: string }[] }[] };
		const agreement = listing.agreements.find((a) => a.id === agreementId)!;
		expect(agreement.products[0]!.seatsUsed).toBe(3);
		expect(agreement.events.map((e) => e.kind)).toEqual(['draw', 'draw']);
		expect((await server.call('/api/admin/agreements?accountId=nope', { token: vendor })).status).toBe(400);
		const journal = await server.db.selectFrom('activity').select('action').where('action', '=', 'admin.agreement.create').execute();
		expect(journal.length).toBeGreaterThanOrEqual(1);
	});
});
