// Twenty assignments racing for five seats, each pushed by its own client (two admins on several devices). On real
// Postgres the pushes run on separate connections at once and contend for the pool's row lock; on PGlite (one
// connection) they queue, which checks the outcome only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createUser } from '../admin/admin.service.ts';
import { DEMO_PASSWORD } from '../seed/demo-seed.ts';
import { assignSeat, confirmOrder, createPackage, placeOrder, pool } from '../test/seats-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let account: string;
let admins: string[];
let members: string[];
let productId: string;

beforeAll(async () => {
	server = await startTestServer();
	const actor = { userId: null, ip: null };
	account = (await createAccount(server.db, actor, { name: 'Race Co', kind: 'customer' })).id;
	for (const email of ['one@race.test', 'two@race.test']) await createUser(server.db, actor, { email, password: DEMO_PASSWORD, accountId: account, role: 'admin' });
	admins = [await server.login('one@race.test'), await server.login('two@race.test')];
	members = [];
	for (let i = 0; i < 20; i++) members.push((await createUser(server.db, actor, { email: `m${i}@race.test`, password: DEMO_PASSWORD, accountId: account, role: 'member' })).id);
	const vendor = await server.login('vendor@keyfield.test');
	const pkg = await createPackage(server, vendor, { sku: 'KF-VAULT', seats: 5, priceMinor: 50_000 });
	productId = pkg.productId;
	const order = placeOrder(1, { accountId: account, lines: [{ packageId: pkg.id, quantity: 1, priceMinor: pkg.priceMinor, currency: pkg.currency }] });
	expect((await server.push(admins[0]!, crypto.randomUUID(), [order])).body.results[0]!.status).toBe('applied');
	expect((await confirmOrder(server, vendor, order.args.orderId)).status).toBe(200);
});
afterAll(() => server?.close());

describe('racing seat assignments', () => {
	it('applies exactly as many as there are seats and rejects the rest with the reason', async () => {
		const pushes = members.map((userId, i) => server.push(admins[i % 2]!, crypto.randomUUID(), [assignSeat(1, { accountId: account, productId, userId })]));
		const results = (await Promise.all(pushes)).map((p) => {
			expect(p.status).toBe(200);
			return p.body.results[0]!;
		});
		expect(results.filter((r) => r.status === 'applied')).toHaveLength(5);
		const rejected = results.filter((r) => r.status === 'rejected');
		expect(rejected).toHaveLength(15);
		for (const r of rejected) expect(r).toMatchObject({ code: 'seats_unavailable', message: 'All 5 seats of this product are assigned. Release one or buy more.', result: { owned: 5, assigned: 5 } });

		expect(await pool(server, account, productId)).toEqual({ owned: 5, assigned: 5 });
		const rows = await server.db.selectFrom('seat_assignments').select('user_id').where('account_id', '=', account).where('released_at', 'is', null).execute();
		expect(rows).toHaveLength(5);
		expect(new Set(rows.map((r) => r.user_id)).size).toBe(5);
	});
});
