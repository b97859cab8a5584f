// voucher.redeem end to end through push and pull: rules, races (real concurrency on Postgres; on PGlite the
// pushes queue, which checks outcomes but not locking), isolation and the guessing limit.
import { PROTOCOL_VERSION, SCHEMA_VERSION, makeCode, verifyLicenseKey, type PublicKeyEntry } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration, startTestServer, type TestServer } from '../test/harness.ts';
import { ATTEMPT_WINDOW_SECONDS, MAX_FAILED_ATTEMPTS, addMonths } from './voucher-redeem.ts';

let server: TestServer;
let vendor: string;
let partner: string;
let tech: string;
let globexAdmin: string;
let acme: string;
let northwind: string;
let globex: string;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	partner = await server.login('partner@northwind.test');
	tech = await server.login('tech@acme.test');
	globexAdmin = await server.login('admin@globex.test');
	acme = await server.accountId(partner, 'Acme Field Services');
	northwind = await server.accountId(partner, 'Northwind Partners');
	globex = await server.accountId(globexAdmin, 'Globex Industrial');
});
afterAll(() => server?.close());

function redeem(id: number, args: { accountId: string; code: string; licenseId?: string }) {
	return { id, name: 'voucher.redeem', createdAt: new Date().toISOString(), args: { licenseId: crypto.randomUUID(), registration, ...args } };
}

async function redeemOne(token: string, args: { accountId: string; code: string; licenseId?: string }) {
	const { status, body } = await server.push(token, crypto.randomUUID(), [redeem(1, args)]);
	expect(status).toBe(200);
	return body.results[0]!;
}

async function mint(body: Record<string, unknown> = {}): Promise<string[]> {
	const res = await server.call('/api/admin/vouchers', { token: vendor, body: { sku: 'KF-VAULT', seats: 3, termMonths: 12, expiresOn: '2099-12-31', count: 3, ...body } });
	expect(res.status).toBe(201);
	return ((await res.json()) as { codes: string[] }).codes;
}

async function newUser(email: string, accountId: string, role: 'admin' | 'member' | 'technician'): Promise<string> {
	const res = await server.call('/api/admin/users', { token: vendor, body: { email, password: 'long-enough-pass', accountId, role } });
	expect(res.status).toBe(201);
	return server.login(email, 'long-enough-pass');
}

const northwindOnly = () => server.seed.vouchers[0]!.codes;
const openCodes = () => server.seed.vouchers[1]!.codes;

describe('voucher.redeem', () => {
	it('turns a voucher into a signed license in a delegated customer account, delivered by pull', async () => {
		const code = northwindOnly()[0]!;
		const licenseId = crypto.randomUUID();
		const result = await redeemOne(partner, { accountId: acme, code: code.toLowerCase().replace(/-/g, ' '), licenseId });
		expect(result).toMatchObject({ status: 'applied', result: { licenseId, existing: false } });

		const license = await server.db.selectFrom('licenses').selectAll().where('id', '=', licenseId).executeTakeFirstOrThrow();
		const voucher = await server.db.selectFrom('vouchers').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
		const today = new Date().toISOString().slice(0, 10);
		expect(license).toMatchObject({ account_id: acme, origin: 'voucher', source_id: voucher.id, sku: 'KF-EDGE', seats: 2, maintenance_end: addMonths(today, 12), serial: null });
		expect(voucher).toMatchObject({ license_id: licenseId, redeemed_account_id: acme });
		const keys = ((await (await server.call('/api/keys')).json()) as { keys: PublicKeyEntry[] }).keys;
		expect(await verifyLicenseKey(license.key, keys)).toMatchObject({ valid: true, payload: { lic: licenseId, acct: acme, seats: 2, maintEnd: addMonths(today, 12) } });

		const journal = await server.db.selectFrom('activity').select(['account_id', 'details']).where('action', '=', 'voucher.redeem').execute();
		expect(journal).toEqual([{ account_id: acme, details: expect.objectContaining({ licenseId, code }) }]);

		// The customer's own technician sees it on the next pull.
		const { changes } = await server.pullAll(tech, crypto.randomUUID(), null);
		expect(changes).toContainEqual(expect.objectContaining({ table: 'licenses', op: 'put', row: expect.objectContaining({ id: licenseId, origin: 'voucher', sourceId: voucher.id }) }));
	});

	it('redeems into the partner’s own account, and answers a repeat of the same redemption as applied', async () => {
		const licenseId = crypto.randomUUID();
		const code = northwindOnly()[1]!;
		expect(await redeemOne(partner, { accountId: northwind, code, licenseId })).toMatchObject({ status: 'applied', result: { existing: false } });
		expect(await redeemOne(partner, { accountId: northwind, code, licenseId })).toMatchObject({ status: 'applied', result: { licenseId, existing: true } });
	});

	it('applies exactly one of 20 concurrent redemptions of one voucher; the others say when it was redeemed', async () => {
		const [code] = await mint();
		const tokens = [partner, tech, await server.login('admin@acme.test')];
		const pushes = Array.from({ length: 20 }, (_, i) => server.push(tokens[i % 3]!, crypto.randomUUID(), [redeem(1, { accountId: acme, code: code! })]));
		const results = (await Promise.all(pushes)).map((p) => {
			expect(p.status).toBe(200);
			return p.body.results[0]!;
		});
		expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
		const rejected = results.filter((r) => r.status === 'rejected');
		expect(rejected).toHaveLength(19);
		for (const r of rejected) {
			expect(r.code).toBe('voucher_already_redeemed');
			expect(r.result).toEqual({ redeemedAt: expect.any(String), redeemedInto: 'Acme Field Services' });
			expect(r.message).toMatch(/already redeemed on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC into Acme Field Services/);
		}
		const voucher = await server.db.selectFrom('vouchers').select('id').where('code', '=', code!).executeTakeFirstOrThrow();
		expect(await server.db.selectFrom('licenses').select('id').where('source_id', '=', voucher.id).execute()).toHaveLength(1);
	});

	it('names the account a voucher went to only to users who can see that account', async () => {
		const code = openCodes()[0]!;
		expect(await redeemOne(globexAdmin, { accountId: globex, code })).toMatchObject({ status: 'applied' });
		const outsider = await redeemOne(tech, { accountId: acme, code });
		expect(outsider).toMatchObject({ status: 'rejected', code: 'voucher_already_redeemed', result: { redeemedAt: expect.any(String) } });
		expect(outsider.result).not.toHaveProperty('redeemedInto');
		expect(outsider.message).not.toContain('Globex');
		expect(await redeemOne(globexAdmin, { accountId: globex, code })).toMatchObject({ code: 'voucher_already_redeemed', result: { redeemedInto: 'Globex Industrial' } });
	});

	it('treats a voucher restricted to another account exactly like one that does not exist', async () => {
		const restricted = await redeemOne(tech, { accountId: acme, code: northwindOnly()[2]! });
		const missing = await redeemOne(tech, { accountId: acme, code: makeCode('voucher', crypto.getRandomValues(new Uint8Array(16))) });
		expect(restricted).toMatchObject({ status: 'rejected', code: 'voucher_unknown' });
		expect({ ...missing, id: restricted.id }).toEqual(restricted);
		expect(await server.db.selectFrom('vouchers').select('redeemed_at').where('code', '=', northwindOnly()[2]!).executeTakeFirstOrThrow()).toEqual({ redeemed_at: null });
	});

	it('rejects void and expired vouchers with their own codes; voiding a redeemed one changes nothing', async () => {
		const [voided, expired, used] = await mint();
		await redeemOne(tech, { accountId: acme, code: used! });
		const res = await server.call('/api/admin/vouchers/void', { token: vendor, body: { codes: [voided, used] } });
		expect(await res.json()).toEqual({ voided: [voided], alreadyRedeemed: [used], unknown: [] });
		await server.db.updateTable('voucher_batches').set({ expires_on: '2020-01-31' })
			.where('id', '=', (eb) => eb.selectFrom('vouchers').select('batch_id').where('code', '=', expired!)).execute();
		expect(await redeemOne(tech, { accountId: acme, code: voided! })).toMatchObject({ status: 'rejected', code: 'voucher_void' });
		expect(await redeemOne(tech, { accountId: acme, code: expired! })).toMatchObject({ status: 'rejected', code: 'voucher_expired', message: expect.stringContaining('2020-01-31') });
	});

	it('authorises at apply time: only admins and technicians of an account in scope', async () => {
		const [code] = await mint();
		expect(await redeemOne(globexAdmin, { accountId: acme, code: code! })).toMatchObject({ status: 'rejected', code: 'account_not_in_scope' });
		const member = await newUser('member@acme.test', acme, 'member');
		expect(await redeemOne(member, { accountId: acme, code: code! })).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		// Neither attempt touched the voucher or wrote a license.
		expect(await server.db.selectFrom('vouchers').select('redeemed_at').where('code', '=', code!).executeTakeFirstOrThrow()).toEqual({ redeemed_at: null });
	});

	it('rejects malformed args as invalid, never with a server error', async () => {
		const good = (await mint())[0]!;
		const typo = good.slice(0, 3) + (good[3] === '7' ? '8' : '7') + good.slice(4);
		const cases: [unknown, string][] = [
			[{ licenseId: crypto.randomUUID(), accountId: acme, code: typo, registration }, 'voucher_invalid'],
			[{ licenseId: crypto.randomUUID(), accountId: acme, code: good }, 'invalid_args'],
			[{ licenseId: 'nope', accountId: acme, code: good, registration }, 'invalid_args'],
			[null, 'invalid_args'],
			['V-', 'invalid_args']
		];
		const { status, body } = await server.push(tech, crypto.randomUUID(), cases.map(([args], i) => ({ id: i + 1, name: 'voucher.redeem', createdAt: new Date().toISOString(), args })));
		expect(status).toBe(200);
		expect(body.results.map((r) => r.code)).toEqual(cases.map(([, code]) => code));
	});

	it(`blocks a user after ${MAX_FAILED_ATTEMPTS} unknown codes, saying when to retry; the count survives each rejection`, async () => {
		const guesser = await newUser('guesser@northwind.test', northwind, 'technician');
		const [valid, later] = await mint();
		const guess = (id: number) => redeem(id, { accountId: northwind, code: makeCode('voucher', crypto.getRandomValues(new Uint8Array(16))) });
		// One batch: an applied redemption, guesses, then a valid code. Each guess is rolled back as a mutation, yet counted.
		const batch = [redeem(1, { accountId: northwind, code: valid! }), ...Array.from({ length: MAX_FAILED_ATTEMPTS - 1 }, (_, i) => guess(i + 2))];
		const first = await server.push(guesser, crypto.randomUUID(), batch);
		expect(first.body.results.map((r) => r.code ?? r.status)).toEqual(['applied', ...Array(MAX_FAILED_ATTEMPTS - 1).fill('voucher_unknown')]);

		const clientId = crypto.randomUUID();
		const before = Date.now();
		const second = await server.push(guesser, clientId, [guess(1), redeem(2, { accountId: northwind, code: later! }), guess(3)]);
		const [tenth, blocked, eleventh] = second.body.results;
		expect(tenth).toMatchObject({ status: 'rejected', code: 'voucher_unknown' });
		expect(blocked).toMatchObject({ status: 'rejected', code: 'too_many_attempts', message: expect.stringMatching(/Try again after .* UTC/) });
		expect(eleventh).toMatchObject({ code: 'too_many_attempts' });
		const retryAt = Date.parse(String(blocked!.result?.retryAt));
		expect(retryAt).toBeGreaterThan(before + (ATTEMPT_WINDOW_SECONDS - 60) * 1000);
		expect(retryAt).toBeLessThanOrEqual(Date.now() + ATTEMPT_WINDOW_SECONDS * 1000);

		// The first batch's redemption stands; other users are not affected.
		expect(await server.db.selectFrom('vouchers').select('redeemed_at').where('code', '=', valid!).executeTakeFirstOrThrow()).not.toEqual({ redeemed_at: null });
		expect(await redeemOne(partner, { accountId: northwind, code: later! })).toMatchObject({ status: 'applied' });

		// Once the window has passed, the user may try again.
		await server.db.updateTable('voucher_attempts').set({ window_start: new Date(Date.now() - ATTEMPT_WINDOW_SECONDS * 1000 - 1000) }).execute();
		expect(await redeemOne(guesser, { accountId: northwind, code: (await mint())[0]! })).toMatchObject({ status: 'applied' });
	});
});

describe('push protocol with vouchers', () => {
	it('replays a stored rejection with its details', async () => {
		const clientId = crypto.randomUUID();
		const code = openCodes()[0]!; // redeemed into Globex above
		const mutation = redeem(1, { accountId: acme, code });
		const first = await server.push(tech, clientId, [mutation]);
		const again = await server.call('/api/sync/push', { token: tech, body: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, mutations: [mutation] } });
		expect(((await again.json()) as { results: unknown[] }).results).toEqual(first.body.results);
	});
});
