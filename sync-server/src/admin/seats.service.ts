/**
 * Vendor operations on seat packages and orders. Package changes stamp the catalog account (every device pulls
 * them); confirming an order adds its seats to the account's pools once, however often it is confirmed.
 * The demo seed and the payment integration (payments/payment-gateway.ts) use the same functions.
 */
import { CATALOG_ACCOUNT_ID, ErrorCode, type OrderLine } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { findProductBySku } from '../db/catalog.repository.ts';
import type { Database } from '../db/schema.ts';
import * as seats from '../db/seats.repository.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './admin.service.ts';
import type * as S from './seats.schemas.ts';

type Db = Kysely<Database>;

const toPackage = (p: seats.PackageRecord) => ({
	id: p.id,
	productId: p.product_id,
	sku: p.sku,
	productName: p.product_name,
	name: p.name,
	seats: p.seats,
	priceMinor: p.price_minor,
	currency: p.currency,
	active: p.active
});

export async function createPackage(db: Db, actor: Actor, input: z.output<typeof S.CreatePackageRequest>) {
	const product = await findProductBySku(db, input.sku);
	if (!product) throw notFound(`No product with SKU ${input.sku}.`);
	const id = crypto.randomUUID();
	await db.transaction().execute(async (tx) => {
		const version = await bumpAccountVersion(tx, CATALOG_ACCOUNT_ID);
		await seats.insertPackage(tx, { id, version, productId: product.id, name: input.name, seats: input.seats, priceMinor: input.priceMinor, currency: input.currency });
		await recordActivity(tx, { ...actor, accountId: null, action: 'admin.package.create', details: { id, ...input } });
	});
	return { id };
}

export async function updatePackage(db: Db, actor: Actor, id: string, input: z.output<typeof S.UpdatePackageRequest>) {
	await db.transaction().execute(async (tx) => {
		const version = await bumpAccountVersion(tx, CATALOG_ACCOUNT_ID);
		if (!(await seats.updatePackage(tx, id, version, input))) throw notFound(`No package ${id}.`);
		await recordActivity(tx, { ...actor, accountId: null, action: 'admin.package.update', details: { id, ...input } });
	});
	return toPackage((await seats.listPackages(db, [id]))[0]!);
}

export async function packages(db: Db) {
	return { packages: (await seats.listPackages(db)).map(toPackage) };
}

export function vendorOrder(o: seats.OrderWithPlacer) {
	return {
		id: o.id,
		accountId: o.account_id,
		status: o.status,
		lines: o.lines as OrderLine[],
		totals: o.totals as { currency: string; amountMinor: number }[],
		placedBy: o.placed_by_email,
		placedAt: new Date(o.placed_at).toISOString(),
		confirmedAt: o.confirmed_at && new Date(o.confirmed_at).toISOString(),
		paymentRef: o.payment_ref
	};
}

export async function ordersOf(db: Db, accountId: string) {
	return { orders: (await seats.listOrders(db, accountId)).map(vendorOrder) };
}

/** Seats per product an order adds: packages × seats per package, summed per product. */
function seatsOf(lines: readonly OrderLine[]) {
	const byProduct = new Map<string, { productId: string; sku: string; seats: number }>();
	for (const l of lines) {
		const entry = byProduct.get(l.productId) ?? { productId: l.productId, sku: l.sku, seats: 0 };
		entry.seats += l.quantity * l.seatsPerPackage;
		byProduct.set(l.productId, entry);
	}
	return [...byProduct.values()];
}

/**
 * Confirms an order (its payment arrived): its seats join the account's pools. The order's row lock makes two
 * confirmations take turns; the second finds it confirmed and answers the same with `alreadyConfirmed`.
 */
export async function confirmOrder(db: Db, actor: Actor, id: string, input: z.output<typeof S.ConfirmOrderRequest>) {
	const accountId = await seats.orderAccount(db, id);
	if (!accountId) throw notFound(`No order ${id}.`);
	return db.transaction().execute(async (tx) => {
		// The account's version first, then the order's lock: the order every seat operation keeps.
		const version = await bumpAccountVersion(tx, accountId);
		const order = await seats.lockOrder(tx, accountId, id);
		if (!order) throw new AppError(409, ErrorCode.conflict, `Order ${id} moved.`);
		const added = seatsOf(order.lines as OrderLine[]);
		if (order.status === 'confirmed') return { id, status: 'confirmed' as const, alreadyConfirmed: true, seats: added };
		for (const s of added) await seats.addOwnedSeats(tx, { accountId, productId: s.productId, seats: s.seats, version });
		await seats.markOrderConfirmed(tx, { id, accountId, version, confirmedBy: actor.userId, paymentRef: input.paymentRef ?? null });
		await recordActivity(tx, { ...actor, accountId, action: 'admin.order.confirm', details: { id, paymentRef: input.paymentRef ?? null, seats: added } });
		return { id, status: 'confirmed' as const, alreadyConfirmed: false, seats: added };
	});
}
