/** SQL of seat packages (catalog), seat pools, orders and assignments. Every query names the account it acts in. */
import { CATALOG_ACCOUNT_ID, type CurrencyTotal, type OrderLine } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

// --- packages (catalog account) ---

export async function insertPackage(db: Db, p: { id: string; version: number; productId: string; name: string; seats: number; priceMinor: number; currency: string }) {
	await db
		.insertInto('seat_packages')
		.values({ id: p.id, account_id: CATALOG_ACCOUNT_ID, version: p.version, product_id: p.productId, name: p.name, seats: p.seats, price_minor: p.priceMinor, currency: p.currency })
		.execute();
}

export async function updatePackage(db: Db, id: string, version: number, change: { name?: string | undefined; priceMinor?: number | undefined; currency?: string | undefined; active?: boolean | undefined }) {
	const row = await db
		.updateTable('seat_packages')
		.set({
			version,
			...(change.name !== undefined ? { name: change.name } : {}),
			...(change.priceMinor !== undefined ? { price_minor: change.priceMinor } : {}),
			...(change.currency !== undefined ? { currency: change.currency } : {}),
			...(change.active !== undefined ? { active: change.active } : {})
		})
		.where('id', '=', id)
		.where('account_id', '=', CATALOG_ACCOUNT_ID)
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

const packageColumns = ['seat_packages.id', 'seat_packages.product_id', 'products.sku', 'products.name as product_name', 'seat_packages.name', 'seat_packages.seats', 'seat_packages.price_minor', 'seat_packages.currency', 'seat_packages.active'] as const;

export async function listPackages(db: Db, ids?: readonly string[]) {
	let query = db
		.selectFrom('seat_packages')
		.innerJoin('products', 'products.id', 'seat_packages.product_id')
		.select(packageColumns)
		.where('seat_packages.account_id', '=', CATALOG_ACCOUNT_ID)
		.orderBy('products.sku')
		.orderBy('seat_packages.seats');
	if (ids) query = query.where('seat_packages.id', 'in', ids.length > 0 ? ids : [CATALOG_ACCOUNT_ID]);
	return query.execute();
}
export type PackageRecord = Awaited<ReturnType<typeof listPackages>>[number];

// --- orders ---

export async function insertOrder(db: Db, o: { id: string; accountId: string; version: number; lines: OrderLine[]; totals: CurrencyTotal[]; placedBy: string }) {
	const row = await db
		.insertInto('seat_orders')
		.values({ id: o.id, account_id: o.accountId, version: o.version, status: 'pending_payment', lines: JSON.stringify(o.lines), totals: JSON.stringify(o.totals), placed_by: o.placedBy })
		.onConflict((oc) => oc.column('id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

export async function orderAccount(db: Db, id: string): Promise<string | null> {
	return (await db.selectFrom('seat_orders').select('account_id').where('id', '=', id).executeTakeFirst())?.account_id ?? null;
}

/** Read without a lock (the vendor API looks an order up by id alone, then works in its account). */
export async function findOrder(db: Db, id: string) {
	return db.selectFrom('seat_orders').select(['id', 'account_id', 'status', 'totals']).where('id', '=', id).executeTakeFirst();
}

export async function lockOrder(db: Db, accountId: string, id: string) {
	return db.selectFrom('seat_orders').selectAll().where('id', '=', id).where('account_id', '=', accountId).forUpdate().executeTakeFirst();
}

export async function markOrderConfirmed(db: Db, o: { id: string; accountId: string; version: number; confirmedBy: string | null; paymentRef: string | null }) {
	await db
		.updateTable('seat_orders')
		.set({ status: 'confirmed', version: o.version, confirmed_at: new Date(), confirmed_by: o.confirmedBy, payment_ref: o.paymentRef })
		.where('id', '=', o.id)
		.where('account_id', '=', o.accountId)
		.execute();
}

function ordersWithPlacer(db: Db) {
	return db.selectFrom('seat_orders').innerJoin('users', 'users.id', 'seat_orders.placed_by').selectAll('seat_orders').select('users.email as placed_by_email');
}
export type OrderWithPlacer = Awaited<ReturnType<typeof listOrders>>[number];

export async function listOrders(db: Db, accountId: string) {
	return ordersWithPlacer(db).where('seat_orders.account_id', '=', accountId).orderBy('seat_orders.placed_at', 'desc').execute();
}

/** Every account's unpaid orders, oldest first (the partial index seat_orders_pending), at most `cap`. */
export async function listPendingOrders(db: Db, cap: number) {
	return ordersWithPlacer(db)
		.where('seat_orders.status', '=', 'pending_payment')
		.orderBy('seat_orders.placed_at')
		.orderBy('seat_orders.id')
		.limit(cap)
		.execute();
}

// --- pools ---

/** Adds owned seats to the account's pool of the product, creating the pool on its first seats. */
export async function addOwnedSeats(db: Db, p: { accountId: string; productId: string; seats: number; version: number }) {
	await db
		.insertInto('seat_pools')
		.values({ id: crypto.randomUUID(), account_id: p.accountId, product_id: p.productId, owned: p.seats, version: p.version })
		.onConflict((oc) => oc.columns(['account_id', 'product_id']).doUpdateSet((eb) => ({ owned: eb('seat_pools.owned', '+', p.seats), version: p.version })))
		.execute();
}

/** The pool row, locked until commit: assignments to one pool take turns here, so the count they check is current. */
export async function lockPool(db: Db, accountId: string, productId: string) {
	return db.selectFrom('seat_pools').select(['id', 'owned', 'assigned']).where('account_id', '=', accountId).where('product_id', '=', productId).forUpdate().executeTakeFirst();
}

export async function moveAssigned(db: Db, poolId: string, accountId: string, delta: 1 | -1, version: number) {
	await db
		.updateTable('seat_pools')
		.set((eb) => ({ assigned: eb('assigned', '+', delta), version }))
		.where('id', '=', poolId)
		.where('account_id', '=', accountId)
		.execute();
}

// --- assignments ---

export async function memberEmail(db: Db, accountId: string, userId: string): Promise<string | null> {
	const row = await db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.user_id')
		.select('users.email')
		.where('memberships.account_id', '=', accountId)
		.where('memberships.user_id', '=', userId)
		.executeTakeFirst();
	return row?.email ?? null;
}

export async function heldSeat(db: Db, accountId: string, productId: string, userId: string) {
	return db
		.selectFrom('seat_assignments')
		.select('id')
		.where('account_id', '=', accountId)
		.where('product_id', '=', productId)
		.where('user_id', '=', userId)
		.where('released_at', 'is', null)
		.executeTakeFirst();
}

/** Inserts the assignment; false when its id is already taken (by any account: ids are global). */
export async function insertAssignment(db: Db, a: { id: string; accountId: string; version: number; productId: string; userId: string; assignedBy: string }) {
	const row = await db
		.insertInto('seat_assignments')
		.values({ id: a.id, account_id: a.accountId, version: a.version, product_id: a.productId, user_id: a.userId, assigned_by: a.assignedBy })
		.onConflict((oc) => oc.column('id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

export async function lockAssignment(db: Db, accountId: string, id: string) {
	return db
		.selectFrom('seat_assignments')
		.innerJoin('users', 'users.id', 'seat_assignments.user_id')
		.innerJoin('products', 'products.id', 'seat_assignments.product_id')
		.select(['seat_assignments.id', 'seat_assignments.product_id', 'seat_assignments.user_id', 'seat_assignments.released_at', 'users.email', 'products.name as product_name'])
		.where('seat_assignments.id', '=', id)
		.where('seat_assignments.account_id', '=', accountId)
		.forUpdate(['seat_assignments'])
		.executeTakeFirst();
}

export async function markReleased(db: Db, a: { id: string; accountId: string; version: number; releasedBy: string }) {
	await db
		.updateTable('seat_assignments')
		.set({ released_at: sql<Date>`now()`, released_by: a.releasedBy, version: a.version })
		.where('id', '=', a.id)
		.where('account_id', '=', a.accountId)
		.execute();
}
