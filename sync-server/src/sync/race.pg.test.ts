// Concurrency on one serial. On real Postgres the pushes run on separate connections at once; on PGlite (one
// connection) they queue, which still checks the outcome but not the locking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let tech: string;
let admin: string;
let acme: string;

beforeAll(async () => {
	server = await startTestServer();
	tech = await server.login('tech@acme.test');
	admin = await server.login('admin@acme.test');
	acme = await server.accountId(tech, 'Acme Field Services');
});
afterAll(() => server?.close());

describe('racing registrations', () => {
	it('makes exactly one license when eight clients register one serial at once', async () => {
		const serial = server.serials('Acme Field Services')[0]!;
		const pushes = Array.from({ length: 8 }, (_, i) => server.push(i % 2 ? tech : admin, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial })]));
		const results = (await Promise.all(pushes)).map((p) => p.body.results[0]!);
		const licenses = await server.db.selectFrom('licenses').select('id').where('serial', '=', serial).execute();
		expect(licenses).toHaveLength(1);
		expect(results.filter((r) => r.result?.existing === false)).toHaveLength(1);
		for (const r of results) expect(r).toMatchObject({ status: 'applied', result: { licenseId: licenses[0]!.id } });
	});

	it('gives a boxed serial to exactly one of two accounts racing for it', async () => {
		const globexAdmin = await server.login('admin@globex.test');
		const globex = await server.accountId(globexAdmin, 'Globex Industrial');
		const serial = server.serials('boxed (no account)')[0]!;
		const [a, b] = await Promise.all([
			server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial })]),
			server.push(globexAdmin, crypto.randomUUID(), [requestKey(1, { accountId: globex, serial })])
		]);
		const statuses = [a.body.results[0]!, b.body.results[0]!].map((r) => r.status).sort();
		expect(statuses).toEqual(['applied', 'rejected']);
		const loser = [a, b].find((p) => p.body.results[0]!.status === 'rejected')!.body.results[0]!;
		// Whoever lost sees either "already registered" or, once the certificate is claimed by the other, "unknown".
		expect(['serial_already_registered', 'serial_unknown']).toContain(loser.code);
		expect(await server.db.selectFrom('licenses').select('id').where('serial', '=', serial).execute()).toHaveLength(1);
	});

	it('applies crossing batches on one account without losing any (deadlocks retried)', async () => {
		const serials = server.serials('Acme Field Services').slice(1, 9);
		const forward = serials.map((serial, i) => requestKey(i + 1, { accountId: acme, serial }));
		const backward = [...serials].reverse().map((serial, i) => requestKey(i + 1, { accountId: acme, serial }));
		const [f, b] = await Promise.all([server.push(tech, crypto.randomUUID(), forward), server.push(admin, crypto.randomUUID(), backward)]);
		expect(f.status).toBe(200);
		expect(b.status).toBe(200);
		for (const r of [...f.body.results, ...b.body.results]) expect(r.status).toBe('applied');
		const count = await server.db.selectFrom('licenses').select('id').where('serial', 'in', serials).execute();
		expect(count).toHaveLength(serials.length);
	});
});
