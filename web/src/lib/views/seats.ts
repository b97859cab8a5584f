/**
 * Seats as the device shows them: each pool with what is assigned (server rows plus assignments and releases queued
 * here), the cart priced from the synced catalog with totals per currency, orders (queued ones until the server's
 * row arrives) and the signed-in user's own seats. The pure functions take rows; the live views read Dexie.
 */
import { liveQuery, type Observable } from 'dexie';
import {
	Operations,
	totalsByCurrency,
	type CurrencyTotal,
	type MembershipRow,
	type OrderLine,
	type PlaceOrderArgs,
	type SeatAssignmentRow,
	type SeatOrderRow,
	type SeatPackageRow,
	type SeatPoolRow
} from '@keyfield/shared';
import { getDb, type CartLine, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';
import { signedInEntries } from '../ops/outbox.ts';
import { cartLines } from '../seats/cart.ts';

export interface Holder {
	assignmentId: string;
	userId: string;
	email: string;
	/** Queued on this device and not yet confirmed by the server. */
	pending: 'assign' | 'release' | null;
}

export interface PoolView {
	productId: string;
	sku: string;
	productName: string;
	owned: number;
	assigned: number; // with the queued assignments and releases counted
	free: number;
	holders: Holder[];
}

function parsed<N extends 'order.place' | 'seat.assign' | 'seat.release'>(entry: OutboxEntry, name: N) {
	if (entry.name !== name) return null;
	const args = Operations[name].safeParse(entry.args);
	return args.success ? (args.data as ReturnType<(typeof Operations)[N]['parse']>) : null;
}

/** Pure: the account's pools, each with its holders; queued assignments count against the pool until the server judges them. */
export function poolViews(pools: readonly SeatPoolRow[], assignments: readonly SeatAssignmentRow[], members: readonly MembershipRow[], entries: readonly OutboxEntry[]): PoolView[] {
	const email = new Map(members.map((m) => [m.userId, m.email]));
	const views = new Map<string, PoolView>(
		pools.map((p) => [p.productId, { productId: p.productId, sku: p.sku, productName: p.productName, owned: p.owned, assigned: p.assigned, free: 0, holders: [] }])
	);
	const known = new Set(assignments.map((a) => a.id));
	for (const a of assignments) {
		if (a.releasedAt === null) views.get(a.productId)?.holders.push({ assignmentId: a.id, userId: a.userId, email: a.userEmail, pending: null });
	}
	for (const entry of entries) {
		const assign = parsed(entry, 'seat.assign');
		if (assign && !known.has(assign.assignmentId)) {
			const view = views.get(assign.productId);
			if (view) {
				view.holders.push({ assignmentId: assign.assignmentId, userId: assign.userId, email: email.get(assign.userId) ?? '', pending: 'assign' });
				view.assigned++;
			}
		}
		const release = parsed(entry, 'seat.release');
		for (const view of release ? views.values() : []) {
			const holder = view.holders.find((h) => h.assignmentId === release!.assignmentId && h.pending === null);
			if (holder) {
				holder.pending = 'release';
				view.assigned--;
			}
		}
	}
	return [...views.values()]
		.map((v) => ({ ...v, free: Math.max(0, v.owned - v.assigned), holders: v.holders.sort((a, b) => a.email.localeCompare(b.email)) }))
		.sort((a, b) => a.productName.localeCompare(b.productName));
}

export interface CartItem {
	line: CartLine;
	pkg: SeatPackageRow | null; // null: no longer in the catalog
	subtotalMinor: number;
}

export interface CartView {
	items: CartItem[];
	totals: CurrencyTotal[];
	/** Every line's package is still sold: the cart can be ordered as it is. */
	orderable: boolean;
	orderLines: PlaceOrderArgs['lines'];
}

/** Pure: the cart priced with the catalog as synced. */
export function cartView(lines: readonly CartLine[], packages: ReadonlyMap<string, SeatPackageRow>): CartView {
	const items = lines.map((line) => {
		const pkg = packages.get(line.packageId) ?? null;
		return { line, pkg, subtotalMinor: pkg ? pkg.priceMinor * line.quantity : 0 };
	});
	const priced = items.filter((i) => i.pkg?.active).map((i) => ({ packageId: i.line.packageId, quantity: i.line.quantity, priceMinor: i.pkg!.priceMinor, currency: i.pkg!.currency }));
	return { items, totals: totalsByCurrency(priced), orderable: items.length > 0 && priced.length === items.length, orderLines: priced };
}

export interface OrderView {
	id: string;
	status: SeatOrderRow['status'] | 'queued';
	lines: { name: string; quantity: number; seatsPerPackage: number | null }[];
	totals: CurrencyTotal[];
	placedAt: string;
	placedBy: string | null;
	confirmedAt: string | null;
}

/** Pure: the account's orders, newest first, with orders queued here and not yet on the server. */
export function orderViews(orders: readonly SeatOrderRow[], entries: readonly OutboxEntry[], packages: ReadonlyMap<string, SeatPackageRow>, accountId: string): OrderView[] {
	const views: OrderView[] = orders.map((o) => ({
		id: o.id,
		status: o.status,
		lines: o.lines.map((l: OrderLine) => ({ name: l.name, quantity: l.quantity, seatsPerPackage: l.seatsPerPackage })),
		totals: o.totals,
		placedAt: o.placedAt,
		placedBy: o.placedBy,
		confirmedAt: o.confirmedAt
	}));
	const known = new Set(orders.map((o) => o.id));
	for (const entry of entries) {
		const args = parsed(entry, 'order.place');
		if (!args || args.accountId !== accountId || known.has(args.orderId)) continue;
		views.push({
			id: args.orderId,
			status: 'queued',
			lines: args.lines.map((l) => ({ name: packages.get(l.packageId)?.name ?? '', quantity: l.quantity, seatsPerPackage: packages.get(l.packageId)?.seats ?? null })),
			totals: totalsByCurrency(args.lines),
			placedAt: entry.createdAt,
			placedBy: null,
			confirmedAt: null
		});
	}
	return views.sort((a, b) => b.placedAt.localeCompare(a.placedAt));
}

async function packagesById(db: KeyfieldDb): Promise<Map<string, SeatPackageRow>> {
	return new Map((await db.seat_packages.toArray()).map((p) => [p.id, p]));
}

export interface SeatsPage {
	pools: PoolView[];
	members: MembershipRow[];
}

export function seatsPageView(accountId: string, db: KeyfieldDb = getDb()): Observable<SeatsPage> {
	return liveQuery(async () => {
		const [pools, assignments, members, entries] = await Promise.all([
			db.seat_pools.where('accountId').equals(accountId).toArray(),
			db.seat_assignments.where('accountId').equals(accountId).toArray(),
			db.memberships.where('accountId').equals(accountId).toArray(),
			signedInEntries(db)
		]);
		return { pools: poolViews(pools, assignments, members, entries), members: members.sort((a, b) => a.email.localeCompare(b.email)) };
	});
}

export interface CartPage {
	cart: CartView;
	catalog: SeatPackageRow[];
	orders: OrderView[];
}

export function cartPageView(accountId: string, db: KeyfieldDb = getDb()): Observable<CartPage> {
	return liveQuery(async () => {
		const user = await getMeta(db, 'user');
		const packages = await packagesById(db);
		const [lines, orders, entries] = await Promise.all([
			user ? cartLines(db, user.id, accountId) : [],
			db.seat_orders.where('accountId').equals(accountId).toArray(),
			signedInEntries(db)
		]);
		const catalog = [...packages.values()].filter((p) => p.active).sort((a, b) => a.productName.localeCompare(b.productName) || a.seats - b.seats);
		return { cart: cartView(lines, packages), catalog, orders: orderViews(orders, entries, packages, accountId) };
	});
}

/** The signed-in user's seats in the workspace, as the server last confirmed them. */
export function mySeatsView(accountId: string, db: KeyfieldDb = getDb()): Observable<SeatAssignmentRow[]> {
	return liveQuery(async () => {
		const user = await getMeta(db, 'user');
		if (!user) return [];
		const rows = await db.seat_assignments.where('userId').equals(user.id).toArray();
		return rows.filter((a) => a.accountId === accountId && a.releasedAt === null).sort((a, b) => a.productName.localeCompare(b.productName));
	});
}
