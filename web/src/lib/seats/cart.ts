/**
 * The cart: device-only lines (package, quantity) per user and workspace in IndexedDB, so a cart built offline
 * survives a reload. Proceeding to purchase queues `order.place` and empties the cart in ONE transaction: the
 * order is either queued with the cart gone, or not queued with the cart kept; never both, never neither.
 */
import { Operations, type PlaceOrderArgs } from '@keyfield/shared';
import { getDb, type CartLine, type KeyfieldDb } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';
import { enqueue, NotSignedInError } from '../ops/enqueue.ts';
import { signedInItems } from '../views/attention.ts';

const MAX_QUANTITY = 1000; // the order's own limit per line

async function signedInUserId(db: KeyfieldDb): Promise<string> {
	const user = await getMeta(db, 'user');
	if (!user) throw new NotSignedInError();
	return user.id;
}

export function cartLines(db: KeyfieldDb, userId: string, accountId: string): Promise<CartLine[]> {
	return db.cart.where('[userId+accountId]').equals([userId, accountId]).sortBy('addedAt');
}

/** Adds packages to the cart (to the line of that package when there is one). */
export function addToCart(accountId: string, packageId: string, quantity = 1, db: KeyfieldDb = getDb()): Promise<void> {
	return db.transaction('rw', db.cart, db.meta, async () => {
		const userId = await signedInUserId(db);
		const line = await db.cart.get([userId, accountId, packageId]);
		const total = Math.min(MAX_QUANTITY, (line?.quantity ?? 0) + quantity);
		await db.cart.put({ userId, accountId, packageId, quantity: total, addedAt: line?.addedAt ?? new Date().toISOString() });
	});
}

/** Sets a line's quantity; 0 removes it. */
export function setCartQuantity(accountId: string, packageId: string, quantity: number, db: KeyfieldDb = getDb()): Promise<void> {
	return db.transaction('rw', db.cart, db.meta, async () => {
		const userId = await signedInUserId(db);
		const key: [string, string, string] = [userId, accountId, packageId];
		if (quantity <= 0) return db.cart.delete(key);
		const line = await db.cart.get(key);
		if (line) await db.cart.put({ ...line, quantity: Math.min(MAX_QUANTITY, Math.floor(quantity)) });
	});
}

/** Queues the order and empties the workspace's cart together; returns the new order's id. */
export function proceedToPurchase(accountId: string, lines: PlaceOrderArgs['lines'], db: KeyfieldDb = getDb()): Promise<string> {
	const orderId = crypto.randomUUID();
	return db.transaction('rw', [db.cart, db.meta, db.outbox], async () => {
		const userId = await signedInUserId(db);
		await enqueue('order.place', { orderId, accountId, lines }, db);
		await db.cart.where('[userId+accountId]').equals([userId, accountId]).delete();
		return orderId;
	});
}

/**
 * "Edit and retry" of a refused order (a price changed, a package is no longer sold): its packages and quantities
 * go back into the cart, to be reviewed at today's prices, and the item leaves "Needs attention", in one transaction.
 * Returns the order's workspace, or null when there is no such item.
 */
export function restoreOrderToCart(attentionId: number, db: KeyfieldDb = getDb()): Promise<string | null> {
	return db.transaction('rw', [db.cart, db.meta, db.attention], async () => {
		const item = (await signedInItems(db)).find((i) => i.id === attentionId && i.name === 'order.place');
		const args = item && Operations['order.place'].safeParse(item.args);
		if (!item || !args?.success) return null;
		for (const line of args.data.lines) await addToCart(args.data.accountId, line.packageId, line.quantity, db);
		await db.attention.delete([item.clientId, item.id]);
		return args.data.accountId;
	});
}
