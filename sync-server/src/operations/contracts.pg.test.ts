// Contracts, renewals and co-terming end to end: the vendor API, pulls into the account's devices, `contract.renew`
// and `contract.coterm` judged at apply time, the vendor's confirmation (idempotent, with re-signed keys) and isolation between accounts. On real
// Postgres the racing pushes and confirmations run on separate connections at once.
import { addDays, addMonths, daysBetween, parseCode, todayIn, verifyLicenseKey, type ContractRow, type LicenseRow, type PublicKeyEntry } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let admin: string;
let tech: string;
let globex: string;
let vendor: string;
let acme: string;
let keys: PublicKeyEntry[];
const today = todayIn('UTC');

beforeAll(async () => {
	server = await startTestServer();
	[admin, tech, globex, vendor] = (await Promise.all(['admin@acme.test', 'tech@acme.test', 'admin@globex.test', 'vendor@keyfield.test'].map((e) => server.login(e)))) as [string, string, string, string];
	acme = await server.accountId(admin, 'Acme Field Services');
	keys = ((await (await server.call('/api/keys')).json()) as { keys: PublicKeyEntry[] }).keys;
});
afterAll(() => server?.close());

const renew = (contractId: string, accountId = acme, renewalId: string = crypto.randomUUID()) => ({
	id: 1,
	name: 'contract.renew',
	createdAt: new Date().toISOString(),
	args: { renewalId, contractId, accountId }
});

async function pushOne(token: string, mutation: { id: number }) {
	const { status, body } = await server.push(token, crypto.randomUUID(), [mutation]);
	expect(status).toBe(200);
	return body.results[0]!;
}

async function pulled<T>(token: string, table: string): Promise<T[]> {
	const { changes } = await server.pullAll(token, crypto.randomUUID(), null);
	return changes.flatMap((c) => (c.op === 'put' && c.table === table ? [c.row as T] : []));
}

const vendorPost = (path: string, body: unknown, token = vendor) => server.call(`/api/admin/contracts${path}`, { token, body });

/** A fresh online contract of Acme over a new one-serial certificate ending `daysLeft` from today. */
async function newContract(daysLeft: number, extra: Record<string, unknown> = {}): Promise<{ id: string; serial: string; endsOn: string }> {
	const endsOn = addDays(today, daysLeft);
	const cert = await server.call('/api/admin/certificates', { token: vendor, body: { accountId: acme, sku: 'KF-EDGE', quantity: 2, maintenanceEnd: endsOn, serialCount: 1 } });
	const { id: certificateId, serials } = (await cert.json()) as { id: string; serials: string[] };
	const res = await vendorPost('', { accountId: acme, certificateId, startsOn: addDays(endsOn, -364), endsOn, channel: 'online', purchasedOn: addDays(endsOn, -364), ...extra });
	expect(res.status, await res.clone().text()).toBe(201);
	return { id: ((await res.json()) as { id: string }).id, serial: serials[0]!, endsOn };
}

describe('contracts sync', () => {
	it('the demo admin pulls contracts in every bucket; another account pulls none of them', async () => {
		const contracts = await pulled<ContractRow>(admin, 'contracts');
		const daysLeft = contracts.map((c) => daysBetween(today, c.endsOn));
		expect(daysLeft.filter((d) => d < 0)).toHaveLength(2);
		expect(daysLeft.filter((d) => d >= 0 && d <= 30)).toHaveLength(1);
		expect(daysLeft.filter((d) => d > 30 && d <= 90)).toHaveLength(1);
		expect(daysLeft.filter((d) => d > 90)).toHaveLength(1);
		const partnerSale = contracts.find((c) => c.channel === 'partner')!;
		expect(partnerSale.partner).toEqual({ name: 'Northwind Partners', email: 'renewals@northwind.test', phone: '+34 911 000 111' });
		expect(contracts.find((c) => c.sku === 'KF-SCAN')).toMatchObject({ productVersion: '7.4', renewalCutoffVersion: '8.0' });
		expect(await pulled<ContractRow>(globex, 'contracts')).toEqual([]);
	});

	it('the vendor API validates, and is for vendors only', async () => {
		expect((await vendorPost('', { accountId: acme, startsOn: today, endsOn: today, channel: 'online', purchasedOn: today })).status).toBe(400);
		expect((await vendorPost('', { accountId: acme, licenseId: crypto.randomUUID(), startsOn: today, endsOn: today, channel: 'online', purchasedOn: today })).status).toBe(404);
		expect((await vendorPost('', { accountId: acme, licenseId: crypto.randomUUID(), startsOn: today, endsOn: today, channel: 'online', purchasedOn: today }, admin)).status).toBe(403);
		const { id } = await newContract(10);
		expect((await vendorPost(`/${id}/confirm-renewal`, { renewalId: crypto.randomUUID() })).status).toBe(409);
		expect((await vendorPost(`/${crypto.randomUUID()}/confirm-renewal`, { renewalId: crypto.randomUUID() })).status).toBe(404);
		expect((await vendorPost('/not-a-uuid/confirm-renewal', { renewalId: crypto.randomUUID() })).status).toBe(400);
	});
});

describe('contract.renew', () => {
	it('records a renewal of an eligible contract once; a second request says it is pending', async () => {
		const { id } = await newContract(30);
		const first = renew(id);
		expect(await pushOne(admin, first)).toMatchObject({ status: 'applied', result: { contractId: id, requestedOn: today } });
		expect(await pushOne(admin, renew(id))).toMatchObject({ status: 'rejected', code: 'renewal_already_pending' });
		const row = (await pulled<ContractRow>(admin, 'contracts')).find((c) => c.id === id)!;
		expect(row.pendingRenewal).toEqual({ id: first.args.renewalId, requestedOn: today, requestedBy: 'admin@acme.test' });
		const journal = await server.db.selectFrom('activity').select('details').where('action', '=', 'contract.renew').execute();
		expect(journal.some((j) => (j.details as { contractId?: string }).contractId === id)).toBe(true);
	});

	it('refuses with every reason and the partner to contact, judged with the server date', async () => {
		const early = await newContract(31);
		expect(await pushOne(admin, renew(early.id))).toMatchObject({ status: 'rejected', code: 'renewal_not_eligible', result: { reasons: [{ kind: 'too_early', opensOn: addDays(early.endsOn, -30) }] } });
		const partner = { name: 'Northwind Partners', email: 'renewals@northwind.test', phone: null };
		const viaPartner = await newContract(5, { channel: 'partner', partner, productVersion: '4.0' });
		await vendorPost('/renewal-cutoff', { sku: 'KF-EDGE', cutoffVersion: '5.0' });
		const rejected = await pushOne(admin, renew(viaPartner.id));
		expect(rejected).toMatchObject({ status: 'rejected', code: 'renewal_not_eligible', result: { contact: partner } });
		expect((rejected.result as { reasons: { kind: string }[] }).reasons.map((r) => r.kind)).toEqual(['partner_channel', 'version_before_cutoff']);
		expect(rejected.message).toContain('Northwind Partners');
		// The new cutoff reached the device with every contract of the product.
		expect((await pulled<ContractRow>(admin, 'contracts')).filter((c) => c.sku === 'KF-EDGE').every((c) => c.renewalCutoffVersion === '5.0')).toBe(true);
		await vendorPost('/renewal-cutoff', { sku: 'KF-EDGE', cutoffVersion: null });
	});

	it('only an admin of the account renews; another account cannot tell the contract exists', async () => {
		const { id } = await newContract(3);
		expect(await pushOne(tech, renew(id))).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		expect(await pushOne(globex, renew(id))).toMatchObject({ status: 'rejected', code: 'account_not_in_scope' });
		const globexAccount = await server.accountId(globex, 'Globex Industrial');
		const unknown = await pushOne(globex, renew(id, globexAccount));
		const missing = await pushOne(globex, renew(crypto.randomUUID(), globexAccount));
		expect(unknown).toMatchObject({ status: 'rejected', code: 'contract_unknown' });
		expect(unknown.message).toBe(missing.message);
		expect(await pushOne(admin, { ...renew(id), args: { contractId: id } } as never)).toMatchObject({ status: 'rejected', code: 'invalid_args' });
	});

	it('two devices asking at once: one request is recorded', async () => {
		const { id } = await newContract(12);
		const results = await Promise.all([pushOne(admin, renew(id)), pushOne(admin, renew(id))]);
		expect(results.map((r) => r.status).sort()).toEqual(['applied', 'rejected']);
		expect(results.find((r) => r.status === 'rejected')!.code).toBe('renewal_already_pending');
	});
});

describe('confirming a renewal', () => {
	it('extends from the old end, raises the revision and re-signs the keys; confirming again (even at once) changes nothing', async () => {
		const contract = await newContract(20);
		const registered = requestKey(1, { accountId: acme, serial: contract.serial });
		expect(await pushOne(tech, registered)).toMatchObject({ status: 'applied' });
		const renewal = renew(contract.id);
		expect(await pushOne(admin, renewal)).toMatchObject({ status: 'applied' });

		const confirm = () => vendorPost(`/${contract.id}/confirm-renewal`, { renewalId: renewal.args.renewalId });
		const responses = await Promise.all([confirm(), confirm()]);
		const bodies = await Promise.all(responses.map((r) => r.json()));
		expect(responses.map((r) => r.status)).toEqual([200, 200]);
		// The new revision's activation code is issued once: the same in every answer.
		const activationCode = (bodies[0] as { activationCode: string }).activationCode;
		expect(parseCode('activation', activationCode)).toEqual({ ok: true, code: activationCode });
		const expected = { id: contract.id, renewalId: renewal.args.renewalId, endsOn: addMonths(contract.endsOn, 12), revision: 2, activationCode, licenseIds: [registered.args.licenseId] };
		expect(bodies).toEqual([expected, expected]);
		expect(await (await confirm()).json()).toEqual(expected);

		const row = (await pulled<ContractRow>(admin, 'contracts')).find((c) => c.id === contract.id)!;
		expect(row).toMatchObject({ endsOn: expected.endsOn, revision: 2, pendingRenewal: null, activationCode });
		const license = (await pulled<LicenseRow>(admin, 'licenses')).find((l) => l.id === registered.args.licenseId)!;
		expect(license.maintenanceEnd).toBe(expected.endsOn);
		expect(await verifyLicenseKey(license.key, keys)).toMatchObject({ valid: true, payload: { maintEnd: expected.endsOn, lic: license.id, seats: 2 } });
		const journal = await server.db.selectFrom('activity').select('id').where('action', '=', 'admin.contract.confirmRenewal').execute();
		expect(journal.length).toBeGreaterThanOrEqual(1);
	});

	it('a contract renewed after its end starts again on the day the request was recorded', async () => {
		const contract = await newContract(-40);
		const renewal = renew(contract.id);
		expect(await pushOne(admin, renewal)).toMatchObject({ status: 'applied' });
		const res = await vendorPost(`/${contract.id}/confirm-renewal`, { renewalId: renewal.args.renewalId, months: 6 });
		expect(await res.json()).toMatchObject({ endsOn: addDays(addMonths(today, 6), -1), revision: 2 });
	});
});

const coterm = (contractIds: string[], extra: Record<string, unknown> = {}, accountId = acme) => ({
	id: 1,
	name: 'contract.coterm',
	createdAt: new Date().toISOString(),
	args: { cotermId: crypto.randomUUID(), accountId, contractIds, ...extra }
});

describe('contract.coterm', () => {
	it('brings contracts to the latest end: pending on each, then confirmed once with new revisions and keys', async () => {
		const [early, late] = [await newContract(20), await newContract(100)];
		const registered = requestKey(1, { accountId: acme, serial: early.serial });
		expect(await pushOne(tech, registered)).toMatchObject({ status: 'applied' });
		const request = coterm([early.id, late.id]);
		const applied = await pushOne(admin, request);
		expect(applied).toMatchObject({ status: 'applied', result: { commonEnd: late.endsOn, totalSeatDays: 80 * 2 } });
		const rows = (await pulled<ContractRow>(admin, 'contracts')).filter((c) => c.id === early.id || c.id === late.id);
		expect(rows.map((r) => r.pendingCoterm)).toEqual([0, 1].map(() => ({ id: request.args.cotermId, commonEnd: late.endsOn, requestedOn: today, requestedBy: 'admin@acme.test' })));
		// One change at a time per contract.
		expect(await pushOne(admin, renew(late.id))).toMatchObject({ status: 'rejected', code: 'renewal_already_pending' });

		const confirm = () => server.call(`/api/admin/contracts/coterms/${request.args.cotermId}/confirm`, { token: vendor, method: 'POST' });
		const bodies = await Promise.all([confirm(), confirm()].map(async (r) => (await r).json()));
		const expected = { cotermId: request.args.cotermId, contracts: [early, late].map((c) => ({ id: c.id, endsOn: late.endsOn, revision: c === early ? 2 : 1 })).sort((a, b) => a.id.localeCompare(b.id)) };
		expect(bodies).toEqual([expected, expected]);
		expect(await (await confirm()).json()).toEqual(expected);
		const license = (await pulled<LicenseRow>(admin, 'licenses')).find((l) => l.id === registered.args.licenseId)!;
		expect(await verifyLicenseKey(license.key, keys)).toMatchObject({ valid: true, payload: { maintEnd: late.endsOn } });
		expect((await pulled<ContractRow>(admin, 'contracts')).find((c) => c.id === early.id)).toMatchObject({ endsOn: late.endsOn, pendingCoterm: null });
	});

	it('takes a later date the user picks, and refuses one that would shorten a contract', async () => {
		const [a, b] = [await newContract(10), await newContract(40)];
		expect(await pushOne(admin, coterm([a.id, b.id], { commonEnd: addDays(b.endsOn, -1) }))).toMatchObject({
			status: 'rejected',
			code: 'coterm_would_shorten',
			result: { latestEnd: b.endsOn }
		});
		const picked = addDays(b.endsOn, 15);
		expect(await pushOne(admin, coterm([a.id, b.id], { commonEnd: picked }))).toMatchObject({ status: 'applied', result: { commonEnd: picked } });
	});

	it('only an admin, only the own account, each contract once', async () => {
		const [a, b] = [await newContract(10), await newContract(40)];
		expect(await pushOne(tech, coterm([a.id, b.id]))).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		const globexAccount = await server.accountId(globex, 'Globex Industrial');
		expect(await pushOne(globex, coterm([a.id, b.id], {}, globexAccount))).toMatchObject({ status: 'rejected', code: 'contract_unknown' });
		expect(await pushOne(admin, coterm([a.id, crypto.randomUUID()]))).toMatchObject({ status: 'rejected', code: 'contract_unknown' });
		expect(await pushOne(admin, coterm([a.id, a.id]))).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		expect(await pushOne(admin, coterm([a.id]))).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		expect((await server.call(`/api/admin/contracts/coterms/${crypto.randomUUID()}/confirm`, { token: vendor, method: 'POST' })).status).toBe(404);
	});
});
