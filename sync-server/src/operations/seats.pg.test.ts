// Seat packages end to end on the server: the vendor's catalog, the cart's order placed as a queued operation,
// confirmation by the vendor API (idempotent) or a payment integration, assignment and release, and isolation.
import { CATALOG_ACCOUNT_ID, type PendingConfirmations } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPayment, type PaymentGateway } from '../payments/payment-gateway.ts';
import { assignSeat, confirmOrder, createPackage, placeOrder, pool, releaseSeat, userIdOf } from '../test/seats-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { seatsHeldBy } from './seats-held.ts';

let server: TestServer;
let vendor: string;
let admin: string;
let tech: string;
let globexAdmin: string;
let acme: string;
let globex: string;
let pkg: Awaited<ReturnType<typeof createPackage>>;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	admin = await server.login('admin@acme.test');
	tech = await server.login('tech@acme.test');
	globexAdmin = await server.login('admin@globex.test');
	acme = await server.accountId(admin, 'Acme Field Services');
	globex = await server.accountId(globexAdmin, 'Globex Industrial');
	pkg = await createPackage(server, vendor, { sku: 'KF-SCAN', seats: 4, priceMinor: 19_900 });
});
afterAll(() => server?.close());

async function pushOne(token: string, mutation: unknown) {
	const { status, body } = await server.push(token, crypto.randomUUID(), [mutation]);
	expect(status).toBe(200);
	return body.results[0]!;
}

const line = (quantity: number, p = pkg) => ({ packageId: p.id, quantity, priceMinor: p.priceMinor, currency: p.currency });

describe('catalog', () => {
	it('syncs packages to every device as catalog rows, and a price change with them', async () => {
		const device = crypto.randomUUID();
		const before = await server.pullAll(admin, device, null);
		const row = before.changes.find((c) => c.table === 'seat_packages' && c.op === 'put' && c.row.id === pkg.id);
		expect(row).toMatchObject({ row: { accountId: CATALOG_ACCOUNT_ID, sku: 'KF-SCAN', seats: 4, priceMinor: 19_900, currency: 'EUR', active: true } });

		const updated = await server.call(`/api/admin/packages/${pkg.id}`, { token: vendor, body: { priceMinor: 21_000 } });
		expect(updated.status).toBe(200);
		expect(await updated.json()).toMatchObject({ id: pkg.id, priceMinor: 21_000 });
		const after = await server.pullAll(admin, device, before.last.cursor);
		expect(after.changes.filter((c) => c.table === 'seat_packages')).toHaveLength(1);
		expect(after.changes.find((c) => c.op === 'put' && c.row.id === pkg.id)).toMatchObject({ row: { priceMinor: 21_000 } });
		pkg = { ...pkg, priceMinor: 21_000 };

		expect((await server.call('/api/admin/packages', { token: admin })).status).toBe(403);
		expect((await server.call('/api/admin/packages', { token: vendor, body: { sku: 'NOPE', name: 'x', seats: 1, priceMinor: 1, currency: 'EUR' } })).status).toBe(404);
		expect((await server.call('/api/admin/packages', { token: vendor, body: { sku: 'KF-SCAN', name: 'x', seats: 1, priceMinor: 1.5, currency: 'eur' } })).status).toBe(400);
	});
});

describe('ordering', () => {
	it('places an order pending payment, and a confirmation adds its seats once however often it comes', async () => {
		const scan = pkg.productId;
		const order = placeOrder(1, { accountId: acme, lines: [line(3)] });
		expect(await pushOne(admin, order)).toMatchObject({ status: 'applied', result: { status: 'pending_payment', totals: [{ currency: 'EUR', amountMinor: 63_000 }] } });
		const device = crypto.randomUUID();
		const pulled = await server.pullAll(admin, device, null);
		expect(pulled.changes.find((c) => c.op === 'put' && c.table === 'seat_orders' && c.row.id === order.args.orderId)).toMatchObject({
			row: { status: 'pending_payment', placedBy: 'admin@acme.test', confirmedAt: null, lines: [{ sku: 'KF-SCAN', quantity: 3, seatsPerPackage: 4 }] }
		});
		expect(await pool(server, acme, scan)).toBeUndefined();
		// The vendor's Confirmations list has it, with whose it is; confirmed, it leaves the list.
		const pendingOrders = async () => ((await (await server.call('/api/admin/contracts/pending', { token: vendor })).json()) as PendingConfirmations).orders;
		expect((await pendingOrders()).find((p) => p.order.id === order.args.orderId)).toMatchObject({ accountName: 'Acme Field Services', order: { status: 'pending_payment', placedBy: 'admin@acme.test' } });

		const first = await confirmOrder(server, vendor, order.args.orderId, 'PAY-1');
		expect((await pendingOrders()).map((p) => p.order.id)).not.toContain(order.args.orderId);
		expect(first).toMatchObject({ status: 200, body: { alreadyConfirmed: false, seats: [{ sku: 'KF-SCAN', seats: 12 }] } });
		// Twice in a row and twice at once: still 12 seats.
		const again = await Promise.all([confirmOrder(server, vendor, order.args.orderId), confirmOrder(server, vendor, order.args.orderId)]);
		for (const r of again) expect(r).toMatchObject({ status: 200, body: { alreadyConfirmed: true } });
		expect(await pool(server, acme, scan)).toEqual({ owned: 12, assigned: 0 });

		const later = await server.pullAll(admin, device, pulled.last.cursor);
		expect(later.changes.find((c) => c.op === 'put' && c.table === 'seat_orders' && c.row.id === order.args.orderId)).toMatchObject({ row: { status: 'confirmed', paymentRef: 'PAY-1' } });
		expect(later.changes.find((c) => c.op === 'put' && c.table === 'seat_pools' && c.row.productId === scan)).toMatchObject({ row: { owned: 12, assigned: 0, sku: 'KF-SCAN' } });
	});

	it('refuses an order whose prices changed since the cart was reviewed, or whose package is no longer sold', async () => {
		const stale = await pushOne(admin, placeOrder(1, { accountId: acme, lines: [{ ...line(1), priceMinor: 19_900 }] }));
		expect(stale).toMatchObject({ status: 'rejected', code: 'order_price_changed', result: { changed: [{ packageId: pkg.id, priceMinor: 21_000 }] } });
		const retired = await createPackage(server, vendor, { sku: 'KF-EDGE', seats: 1, priceMinor: 100, currency: 'USD' });
		await server.call(`/api/admin/packages/${retired.id}`, { token: vendor, body: { active: false } });
		expect(await pushOne(admin, placeOrder(1, { accountId: acme, lines: [line(1, retired)] }))).toMatchObject({ code: 'package_unknown' });
		expect(await server.db.selectFrom('seat_orders').select('id').where('account_id', '=', acme).where('status', '=', 'pending_payment').execute()).toHaveLength(0);
	});

	it('confirms through a payment gateway when it reports paid, and never charges a confirmed order again', async () => {
		const charged: string[] = [];
		let answer: 'paid' | 'declined' = 'declined';
		// A test double of the payment provider (no real one runs here): it records what it was asked to charge.
		const gateway: PaymentGateway = {
			async collect(order) {
				charged.push(`${order.id}:${order.totals.map((t) => `${t.amountMinor} ${t.currency}`).join(',')}`);
				return answer === 'paid' ? { paid: true, reference: 'GW-42' } : { paid: false, reason: 'card declined' };
			}
		};
		const order = placeOrder(1, { accountId: acme, lines: [line(1)] });
		await pushOne(admin, order);
		const actor = { userId: null, ip: null };
		expect(await collectPayment(server.db, gateway, actor, order.args.orderId)).toEqual({ paid: false, reason: 'card declined' });
		expect(await pool(server, acme, pkg.productId)).toMatchObject({ owned: 12 });
		answer = 'paid';
		expect(await collectPayment(server.db, gateway, actor, order.args.orderId)).toMatchObject({ paid: true, order: { alreadyConfirmed: false } });
		expect(await collectPayment(server.db, gateway, actor, order.args.orderId)).toMatchObject({ paid: true, order: { alreadyConfirmed: true } });
		expect(charged).toEqual([`${order.args.orderId}:21000 EUR`, `${order.args.orderId}:21000 EUR`]);
		expect(await pool(server, acme, pkg.productId)).toEqual({ owned: 16, assigned: 0 });
		const row = await server.db.selectFrom('seat_orders').select(['status', 'payment_ref']).where('id', '=', order.args.orderId).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'confirmed', payment_ref: 'GW-42' });
	});
});

describe('assigning', () => {
	it('assigns a seat to a member, once per product, releases it, and journals both', async () => {
		const techId = await userIdOf(server, 'tech@acme.test');
		const assign = assignSeat(1, { accountId: acme, productId: pkg.productId, userId: techId });
		expect(await pushOne(admin, assign)).toMatchObject({ status: 'applied', result: { free: 15 } });
		expect(await seatsHeldBy(server.db, acme, techId)).toBe(2); // the demo's Vault seat and this one
		expect(await pushOne(admin, assignSeat(1, { accountId: acme, productId: pkg.productId, userId: techId }))).toMatchObject({ code: 'seat_already_assigned' });
		expect(await pushOne(admin, assignSeat(1, { accountId: acme, productId: pkg.productId, userId: await userIdOf(server, 'admin@globex.test') }))).toMatchObject({ code: 'member_unknown' });
		expect(await pushOne(tech, releaseSeat(1, { accountId: acme, assignmentId: assign.args.assignmentId }))).toMatchObject({ code: 'not_allowed' });

		// The technician's own device sees the seat.
		const techView = await server.pullAll(tech, crypto.randomUUID(), null);
		expect(techView.changes.find((c) => c.op === 'put' && c.table === 'seat_assignments' && c.row.id === assign.args.assignmentId)).toMatchObject({
			row: { userEmail: 'tech@acme.test', productName: 'Keyfield Scanner', assignedBy: 'admin@acme.test', releasedAt: null }
		});

		expect(await pushOne(admin, releaseSeat(1, { accountId: acme, assignmentId: assign.args.assignmentId }))).toMatchObject({ status: 'applied', result: { free: 16 } });
		expect(await pushOne(admin, releaseSeat(1, { accountId: acme, assignmentId: assign.args.assignmentId }))).toMatchObject({ code: 'assignment_unknown' });
		expect(await seatsHeldBy(server.db, acme, techId)).toBe(1);
		// The portal's rule: a person who still holds a seat (the demo's Vault seat) is not removed.
		expect(await pushOne(admin, { id: 1, name: 'user.remove', createdAt: new Date().toISOString(), args: { accountId: acme, userId: techId } })).toMatchObject({
			status: 'rejected',
			code: 'seats_held',
			result: { seats: 1 }
		});
		expect(await pool(server, acme, pkg.productId)).toEqual({ owned: 16, assigned: 0 });
		const journal = await server.db.selectFrom('activity').select('action').where('account_id', '=', acme).where('action', 'in', ['seat.assign', 'seat.release', 'order.place', 'admin.order.confirm']).execute();
		expect(new Set(journal.map((j) => j.action))).toEqual(new Set(['seat.assign', 'seat.release', 'order.place', 'admin.order.confirm']));
	});

	it('refuses an assignment when no seat is free or none is owned', async () => {
		const edge = (await server.db.selectFrom('products').select('id').where('sku', '=', 'KF-EDGE').executeTakeFirstOrThrow()).id;
		const r = await pushOne(admin, assignSeat(1, { accountId: acme, productId: edge, userId: await userIdOf(server, 'tech@acme.test') }));
		expect(r).toMatchObject({ code: 'seats_unavailable', result: { owned: 0 } });
		expect(r.message).toContain('owns no seats');
	});
});

describe('isolation', () => {
	it("keeps another account's admin from seeing or touching Acme's seats and orders", async () => {
		const techId = await userIdOf(server, 'tech@acme.test');
		const held = await server.db.selectFrom('seat_assignments').select('id').where('account_id', '=', acme).where('released_at', 'is', null).executeTakeFirstOrThrow();
		expect(await pushOne(globexAdmin, assignSeat(1, { accountId: acme, productId: pkg.productId, userId: techId }))).toMatchObject({ code: 'account_not_in_scope' });
		expect(await pushOne(globexAdmin, releaseSeat(1, { accountId: acme, assignmentId: held.id }))).toMatchObject({ code: 'account_not_in_scope' });
		expect(await pushOne(globexAdmin, placeOrder(1, { accountId: acme, lines: [line(1)] }))).toMatchObject({ code: 'account_not_in_scope' });
		// Naming their own account with Acme's assignment reads like one that does not exist.
		expect(await pushOne(globexAdmin, releaseSeat(1, { accountId: globex, assignmentId: held.id }))).toMatchObject({ code: 'assignment_unknown' });
		expect(await pushOne(globexAdmin, assignSeat(1, { accountId: globex, productId: pkg.productId, userId: techId }))).toMatchObject({ code: 'member_unknown' });

		const { changes } = await server.pullAll(globexAdmin, crypto.randomUUID(), null);
		const seatRows = changes.filter((c) => c.op === 'put' && ['seat_pools', 'seat_orders', 'seat_assignments'].includes(c.table));
		// Only its own: the demo's Scanner order waiting for payment; nothing of Acme's.
		expect(seatRows.map((c) => c.op === 'put' && [c.table, c.row.accountId])).toEqual([['seat_orders', globex]]);
		expect(changes.some((c) => c.table === 'seat_packages')).toBe(true); // the catalog is everyone's
	});
});
