/**
 * `order.place`: the cart becomes an order, pending payment. Prices come from the catalog now; a line whose price
 * or currency differs from what the admin reviewed is refused (with the current prices), never silently charged.
 * Seats arrive only when the vendor or the payment integration confirms the order (admin/seats.service.ts).
 */
import { ErrorCode, PlaceOrderArgs, totalsByCurrency, type OrderLine } from '@keyfield/shared';
import { listPackages } from '../db/seats.repository.ts';
import * as seats from '../db/seats.repository.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';
import { journalSeatChange, openSeatWrite } from './seats-shared.ts';

export const orderPlace = defineOperation({
	name: 'order.place',
	args: PlaceOrderArgs,

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'order.place', args.accountId),

	async apply(tx, ctx, args) {
		const version = await openSeatWrite(tx, ctx, args.accountId);
		const packages = new Map((await listPackages(tx, args.lines.map((l) => l.packageId))).map((p) => [p.id, p]));
		const lines: OrderLine[] = [];
		const changed: { packageId: string; priceMinor: number; currency: string }[] = [];
		for (const line of args.lines) {
			const p = packages.get(line.packageId);
			if (!p || !p.active) throw new Rejection(ErrorCode.packageUnknown, `A package in this order is no longer sold${p ? `: ${p.name}` : ''}. Sync, and review the cart again.`, { packageId: line.packageId });
			if (p.price_minor !== line.priceMinor || p.currency !== line.currency) changed.push({ packageId: p.id, priceMinor: p.price_minor, currency: p.currency });
			lines.push({ packageId: p.id, productId: p.product_id, sku: p.sku, name: p.name, seatsPerPackage: p.seats, quantity: line.quantity, priceMinor: p.price_minor, currency: p.currency });
		}
		if (changed.length > 0) {
			throw new Rejection(ErrorCode.orderPriceChanged, `The price of ${changed.length === 1 ? 'a package' : `${changed.length} packages`} changed since the cart was reviewed. Sync and review the totals again.`, { changed });
		}
		const totals = totalsByCurrency(lines);
		if (!(await seats.insertOrder(tx, { id: args.orderId, accountId: args.accountId, version, lines, totals, placedBy: ctx.userId }))) {
			throw new Rejection(ErrorCode.orderIdTaken, 'This order was already placed as another order. Place it again from the cart.');
		}
		await journalSeatChange(tx, ctx, args.accountId, 'order.place', { orderId: args.orderId, lines: lines.map((l) => ({ packageId: l.packageId, sku: l.sku, quantity: l.quantity })), totals });
		return { orderId: args.orderId, status: 'pending_payment', totals };
	}
});
