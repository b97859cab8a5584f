/**
 * Seat operations: place an order for packages from the cart, assign a seat of a product to a member, release it.
 * An order line carries the price the admin reviewed: the server refuses an order whose prices changed meanwhile
 * rather than charging a total nobody saw.
 */
import { z } from 'zod';
import { Uuid } from '../entities.ts';
import { CurrencyCode, MinorAmount } from '../entities/seats.ts';

export const PlaceOrderLine = z.object({
	packageId: Uuid,
	quantity: z.number().int().min(1).max(1000),
	priceMinor: MinorAmount, // as seen in the cart
	currency: CurrencyCode
});

export const PlaceOrderArgs = z.object({
	orderId: Uuid, // generated on the device, so the queued order and the server's are one row
	accountId: Uuid,
	lines: z
		.array(PlaceOrderLine)
		.min(1)
		.max(50)
		.refine((lines) => new Set(lines.map((l) => l.packageId)).size === lines.length, 'each package once')
});
export type PlaceOrderArgs = z.input<typeof PlaceOrderArgs>;

export const AssignSeatArgs = z.object({ assignmentId: Uuid, accountId: Uuid, productId: Uuid, userId: Uuid });
export type AssignSeatArgs = z.input<typeof AssignSeatArgs>;

export const ReleaseSeatArgs = z.object({ assignmentId: Uuid, accountId: Uuid });
export type ReleaseSeatArgs = z.input<typeof ReleaseSeatArgs>;
