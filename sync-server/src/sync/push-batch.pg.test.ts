// One push locks all its serials up front and tracks its own writes to them (PushBatch): later mutations of the
// same batch must see what earlier ones did, and nothing of a rejected one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../admin/admin.service.ts';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let tech: string;
let partner: string;
let acme: string;
let northwind: string;

beforeAll(async () => {
	server = await startTestServer();
	tech = await server.login('tech@acme.test');
	partner = await server.login('partner@northwind.test');
	acme = await server.accountId(tech, 'Acme Field Services');
	northwind = await server.accountId(partner, 'Northwind Partners');
});
afterAll(() => server?.close());

async function newCertificate(accountId: string | null, serialCount: number): Promise<string[]> {
	const input = { accountId, sku: 'KF-EDGE', quantity: 1, maintenanceEnd: '2030-01-01', serialCount };
	return (await admin.createCertificate(server.db, { userId: null, ip: null }, input as never)).serials;
}

const licensesOf = (serial: string) => server.db.selectFrom('licenses').select(['id', 'account_id']).where('serial', '=', serial).execute();
const journalOf = (clientId: string) => server.db.selectFrom('activity').select('mutation_id').where('client_id', '=', clientId).orderBy('mutation_id').execute();

describe('push batch: serials locked once per push', () => {
	it('registers a serial once when one batch sends it twice: the second gets the first license', async () => {
		const [serial] = await newCertificate(acme, 1);
		const first = requestKey(1, { accountId: acme, serial: serial! });
		const { body } = await server.push(tech, crypto.randomUUID(), [first, requestKey(2, { accountId: acme, serial: serial! })]);
		expect(body.results).toEqual([
			{ id: 1, status: 'applied', result: { licenseId: first.args.licenseId, existing: false } },
			{ id: 2, status: 'applied', result: { licenseId: first.args.licenseId, existing: true } }
		]);
		expect(await licensesOf(serial!)).toHaveLength(1);
	});

	it('forgets a rejected registration: the same serial later in the batch is still free', async () => {
		const [used, serial] = await newCertificate(acme, 2);
		const licenseId = crypto.randomUUID();
		await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: used!, licenseId })]);
		const clientId = crypto.randomUUID();
		const { body } = await server.push(tech, clientId, [
			requestKey(1, { accountId: acme, serial: serial!, licenseId }), // first write to Acme in the batch: behind a savepoint
			requestKey(2, { accountId: acme, serial: serial! }),
			requestKey(3, { accountId: acme, serial: serial!, licenseId }) // Acme's version already taken: no savepoint
		]);
		expect(body.results.map((r) => [r.status, r.code ?? r.result?.existing])).toEqual([
			['rejected', 'license_id_taken'],
			['applied', false],
			['applied', true]
		]);
		expect(await licensesOf(serial!)).toHaveLength(1);
		expect(await journalOf(clientId)).toEqual([{ mutation_id: 2 }]);
	});

	it('sees a boxed certificate claimed earlier in the batch as the claiming account’s', async () => {
		const [a, b, c] = await newCertificate(null, 3);
		// The partner reaches both Acme (delegated) and Northwind: the claim for Acme makes the certificate Acme's.
		const { body } = await server.push(partner, crypto.randomUUID(), [
			requestKey(1, { accountId: acme, serial: a! }),
			requestKey(2, { accountId: northwind, serial: b! }),
			requestKey(3, { accountId: acme, serial: c! })
		]);
		expect(body.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'not_allowed', 'applied']);
		expect((await licensesOf(c!))[0]?.account_id).toBe(acme);
		expect(await licensesOf(b!)).toHaveLength(0);
	});

	it('leaves a boxed certificate boxed when its claiming registration is rejected', async () => {
		const [taken] = await newCertificate(acme, 1);
		const [a, b] = await newCertificate(null, 2);
		const licenseId = crypto.randomUUID();
		await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: taken!, licenseId })]);
		const { body } = await server.push(partner, crypto.randomUUID(), [
			requestKey(1, { accountId: acme, serial: a!, licenseId }),
			requestKey(2, { accountId: northwind, serial: b! })
		]);
		expect(body.results.map((r) => r.code ?? r.status)).toEqual(['license_id_taken', 'applied']);
		expect((await licensesOf(b!))[0]?.account_id).toBe(northwind);
	});
});

describe('push batch: registrations written together', () => {
	const op = (id: number, name: string, args: Record<string, unknown>) => ({ id, name, args, createdAt: new Date().toISOString() });

	it('writes a run of registrations before the next operation, which then sees the new licenses', async () => {
		const [a, b] = await newCertificate(acme, 2);
		const admin = await server.login('admin@acme.test');
		const first = requestKey(1, { accountId: acme, serial: a! });
		const second = requestKey(2, { accountId: acme, serial: b! });
		const { body } = await server.push(admin, crypto.randomUUID(), [
			first,
			second,
			op(3, 'license.setFields', { licenseId: first.args.licenseId, accountId: acme, values: { 'Cost center': 'CC-7' }, seen: { 'Cost center': null } }),
			requestKey(4, { accountId: acme, serial: a! })
		]);
		expect(body.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
		expect(body.results[3]!.result).toEqual({ licenseId: first.args.licenseId, existing: true });
		const rows = await server.db.selectFrom('licenses').select(['id', 'version', 'fields']).where('id', 'in', [first.args.licenseId, second.args.licenseId]).execute();
		expect(rows).toHaveLength(2);
		expect(rows.find((r) => r.id === first.args.licenseId)!.fields).toEqual({ 'Cost center': 'CC-7' });
		// One transaction, one account: its rows share the version it took.
		expect(new Set(rows.map((r) => r.version)).size).toBe(1);
	});

	it('gives a license id to exactly one of two pushes racing for it, the other one rejected', async () => {
		const serials = await newCertificate(acme, 16);
		const outcomes = await Promise.all(
			Array.from({ length: 8 }, async (_, pair) => {
				const licenseId = crypto.randomUUID();
				const pushes = [0, 1].map((i) => server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: serials[pair * 2 + i]!, licenseId })]));
				const results = (await Promise.all(pushes)).map((p) => p.body.results[0]!.code ?? p.body.results[0]!.status).sort();
				const rows = await server.db.selectFrom('licenses').select('id').where('id', '=', licenseId).execute();
				return { results, rows: rows.length };
			})
		);
		for (const outcome of outcomes) expect(outcome).toEqual({ results: ['applied', 'license_id_taken'], rows: 1 });
	});
});
