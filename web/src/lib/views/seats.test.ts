import type { MembershipRow, SeatAssignmentRow, SeatOrderRow, SeatPackageRow, SeatPoolRow } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { setMeta } from '../db/meta.ts';
import { KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { addToCart, cartLines, proceedToPurchase, restoreOrderToCart, setCartQuantity } from '../seats/cart.ts';
import { cartView, orderViews, poolViews } from './seats.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const CATALOG = '00000000-0000-4000-8000-000000000000';
const EDGE = '22222222-2222-4222-8222-222222222222';
const ADMIN = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'admin@acme.test', name: 'Ada', vendor: false };
const TECH = 'aaaaaaaa-0000-4000-8000-000000000002';
const BEA = 'aaaaaaaa-0000-4000-8000-000000000003';

const pool: SeatPoolRow = { id: crypto.randomUUID(), accountId: ACME, version: 3, productId: EDGE, sku: 'KF-EDGE', productName: 'Edge', owned: 3, assigned: 1 };
const held: SeatAssignmentRow = {
	id: crypto.randomUUID(), accountId: ACME, version: 3, productId: EDGE, sku: 'KF-EDGE', productName: 'Edge', userId: TECH, userEmail: 'tech@acme.test',
	assignedAt: '2026-11-01T10:00:00.000Z', assignedBy: 'admin@acme.test', releasedAt: null
};
const members: MembershipRow[] = [
	{ id: crypto.randomUUID(), accountId: ACME, version: 1, userId: TECH, email: 'tech@acme.test', role: 'technician' },
	{ id: crypto.randomUUID(), accountId: ACME, version: 1, userId: BEA, email: 'bea@acme.test', role: 'member' }
];
const pkg = (over: Partial<SeatPackageRow> = {}): SeatPackageRow => ({
	id: crypto.randomUUID(), accountId: CATALOG, version: 1, productId: EDGE, sku: 'KF-EDGE', productName: 'Edge', name: 'Edge 5-pack', seats: 5, priceMinor: 125_000, currency: 'EUR', active: true, ...over
});
const entry = (id: number, name: OutboxEntry['name'], args: unknown): OutboxEntry => ({ id, clientId: 'c', name, args, createdAt: `2026-11-02T10:00:0${id}.000Z`, userId: ADMIN.id, accountId: ACME });

describe('poolViews', () => {
	it('counts queued assignments and releases against the pool until the server row carries them', () => {
		const assignment = crypto.randomUUID();
		const entries = [entry(1, 'seat.assign', { assignmentId: assignment, accountId: ACME, productId: EDGE, userId: BEA }), entry(2, 'seat.release', { assignmentId: held.id, accountId: ACME })];
		const [view] = poolViews([pool], [held], members, entries);
		expect(view).toMatchObject({ owned: 3, assigned: 1, free: 2 });
		expect(view!.holders.map((h) => [h.email, h.pending])).toEqual([['bea@acme.test', 'assign'], ['tech@acme.test', 'release']]);

		// Once the server row of the assignment is there, the queued entry no longer counts twice.
		const arrived = { ...held, id: assignment, userId: BEA, userEmail: 'bea@acme.test' };
		const [after] = poolViews([{ ...pool, assigned: 2 }], [held, arrived], members, entries.slice(0, 1));
		expect(after).toMatchObject({ assigned: 2, free: 1 });
		expect(after!.holders.every((h) => h.pending === null)).toBe(true);
	});

	it('never shows released seats as held', () => {
		const [view] = poolViews([{ ...pool, assigned: 0 }], [{ ...held, releasedAt: '2026-11-03T00:00:00.000Z' }], members, []);
		expect(view).toMatchObject({ assigned: 0, free: 3, holders: [] });
	});
});

describe('cartView and orderViews', () => {
	it('totals per currency, and refuses to order a cart with a package no longer sold', () => {
		const eur = pkg();
		const usd = pkg({ name: 'Scan 3-pack', priceMinor: 45_000, currency: 'USD' });
		const lines = [eur, usd].map((p, i) => ({ userId: ADMIN.id, accountId: ACME, packageId: p.id, quantity: i + 2, addedAt: '' }));
		const view = cartView(lines, new Map([eur, usd].map((p) => [p.id, p])));
		expect(view.totals).toEqual([{ currency: 'EUR', amountMinor: 250_000 }, { currency: 'USD', amountMinor: 135_000 }]);
		expect(view.orderable).toBe(true);
		expect(view.orderLines).toEqual([{ packageId: eur.id, quantity: 2, priceMinor: 125_000, currency: 'EUR' }, { packageId: usd.id, quantity: 3, priceMinor: 45_000, currency: 'USD' }]);
		const retired = cartView(lines, new Map([[eur.id, eur], [usd.id, { ...usd, active: false }]]));
		expect(retired.orderable).toBe(false);
		expect(retired.totals).toEqual([{ currency: 'EUR', amountMinor: 250_000 }]);
	});

	it('lists a queued order until the server row with its status arrives', () => {
		const p = pkg();
		const orderId = crypto.randomUUID();
		const queued = entry(1, 'order.place', { orderId, accountId: ACME, lines: [{ packageId: p.id, quantity: 2, priceMinor: p.priceMinor, currency: 'EUR' }] });
		const packages = new Map([[p.id, p]]);
		expect(orderViews([], [queued], packages, ACME)).toMatchObject([{ id: orderId, status: 'queued', totals: [{ currency: 'EUR', amountMinor: 250_000 }], lines: [{ name: 'Edge 5-pack', quantity: 2 }] }]);
		const row: SeatOrderRow = {
			id: orderId, accountId: ACME, version: 4, status: 'pending_payment', placedBy: 'admin@acme.test', placedAt: '2026-11-02T10:00:05.000Z', confirmedAt: null, paymentRef: null,
			totals: [{ currency: 'EUR', amountMinor: 250_000 }],
			lines: [{ packageId: p.id, productId: EDGE, sku: 'KF-EDGE', name: 'Edge 5-pack', seatsPerPackage: 5, quantity: 2, priceMinor: 125_000, currency: 'EUR' }]
		};
		expect(orderViews([row], [queued], packages, ACME)).toMatchObject([{ id: orderId, status: 'pending_payment' }]);
	});
});

describe('cart on the device', () => {
	it('keeps lines per user and workspace, and empties the cart in the transaction that queues the order', async () => {
		const db = new KeyfieldDb(`keyfield-cart-${crypto.randomUUID()}`);
		await setMeta(db, 'user', ADMIN);
		const a = crypto.randomUUID();
		const b = crypto.randomUUID();
		await addToCart(ACME, a, 1, db);
		await addToCart(ACME, a, 2, db);
		await addToCart(ACME, b, 1, db);
		await setCartQuantity(ACME, b, 0, db);
		expect((await cartLines(db, ADMIN.id, ACME)).map((l) => [l.packageId, l.quantity])).toEqual([[a, 3]]);

		const orderId = await proceedToPurchase(ACME, [{ packageId: a, quantity: 3, priceMinor: 100, currency: 'EUR' }], db);
		expect(await cartLines(db, ADMIN.id, ACME)).toEqual([]);
		expect(await db.outbox.toArray()).toMatchObject([{ name: 'order.place', args: { orderId, accountId: ACME } }]);

		// An order that does not parse is not queued, and the cart stays.
		await addToCart(ACME, a, 1, db);
		await expect(proceedToPurchase(ACME, [], db)).rejects.toThrow();
		expect(await cartLines(db, ADMIN.id, ACME)).toHaveLength(1);
		expect(await db.outbox.count()).toBe(1);
		db.close();
	});
});

describe('a refused order back into the cart', () => {
	it('puts its packages back and clears the item from Needs attention, once', async () => {
		const db = new KeyfieldDb(`keyfield-restore-${crypto.randomUUID()}`);
		await setMeta(db, 'user', ADMIN);
		const a = crypto.randomUUID();
		await addToCart(ACME, a, 1, db);
		const args = { orderId: crypto.randomUUID(), accountId: ACME, lines: [{ packageId: a, quantity: 2, priceMinor: 100, currency: 'EUR' }] };
		await db.attention.add({ id: 7, clientId: 'c', userId: ADMIN.id, name: 'order.place', args, code: 'order_price_changed', message: '', rejectedAt: '2026-11-02T10:00:00.000Z', accountId: ACME });
		expect(await restoreOrderToCart(7, db)).toBe(ACME);
		expect((await cartLines(db, ADMIN.id, ACME)).map((l) => l.quantity)).toEqual([3]);
		expect(await db.attention.count()).toBe(0);
		expect(await restoreOrderToCart(7, db)).toBeNull();
		expect((await cartLines(db, ADMIN.id, ACME)).map((l) => l.quantity)).toEqual([3]);
		db.close();
	});
});
