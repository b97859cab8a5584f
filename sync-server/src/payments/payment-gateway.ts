/**
 * A payment integration behind one interface: whatever collects an order's payment (a card processor, an invoice
 * system) answers paid with its reference, or not paid with a reason. A paid order is confirmed exactly as the
 * vendor's `POST /api/admin/orders/{id}/confirm` does, so collecting twice still adds the seats once.
 */
import type { CurrencyTotal } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { Actor } from '../admin/admin.service.ts';
import { confirmOrder } from '../admin/seats.service.ts';
import type { Database } from '../db/schema.ts';
import { findOrder } from '../db/seats.repository.ts';
import { notFound } from '../errors.ts';

export type PaymentOutcome = { paid: true; reference: string } | { paid: false; reason: string };

export interface PaymentGateway {
	collect(order: { id: string; accountId: string; totals: CurrencyTotal[] }): Promise<PaymentOutcome>;
}

/** Asks the gateway to collect a pending order and confirms it when paid; a confirmed order is not charged again. */
export async function collectPayment(db: Kysely<Database>, gateway: PaymentGateway, actor: Actor, orderId: string) {
	const order = await findOrder(db, orderId);
	if (!order) throw notFound(`No order ${orderId}.`);
	if (order.status === 'confirmed') return { paid: true as const, order: await confirmOrder(db, actor, orderId, {}) };
	const outcome = await gateway.collect({ id: orderId, accountId: order.account_id, totals: order.totals as CurrencyTotal[] });
	if (!outcome.paid) return { paid: false as const, reason: outcome.reason };
	return { paid: true as const, order: await confirmOrder(db, actor, orderId, { paymentRef: outcome.reference }) };
}
