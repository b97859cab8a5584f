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
