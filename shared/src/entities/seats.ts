/**
 * Seat packages and seats. The vendor's packages live in the catalog pseudo-account (every device has them, so a
 * cart is built offline); an account buys packages through an order (pending payment until the vendor or a payment
 * integration confirms it), a confirmed order adds seats to the account's pool of that product, and an admin
 * assigns seats of a pool to members. Prices are integers in the currency's minor unit (cents), never floats.
 * Plain zod (not entities.ts primitives): entities.ts lists these rows, an import back would cycle.
 */
import { z } from 'zod';

const Uuid = z.uuid();
const IsoDateTime = z.iso.datetime({ offset: true });
const synced = { accountId: Uuid, version: z.number().int().nonnegative() };

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code (EUR)');
/** An amount in minor units (cents); packages cost at most 10,000,000.00. */
export const MinorAmount = z.number().int().nonnegative().max(1_000_000_000);

export const SeatPackageRow = z.object({
	id: Uuid,
	...synced,
	productId: Uuid,
	sku: z.string(),
	productName: z.string(),
	name: z.string(), // "Edge Gateway 10-pack"
	seats: z.number().int().positive(), // per package
	priceMinor: MinorAmount,
	currency: CurrencyCode,
	active: z.boolean() // an inactive package stays on the devices of orders that named it, but cannot be ordered
});
export type SeatPackageRow = z.infer<typeof SeatPackageRow>;

/** The seats an account owns of one product and how many are assigned (the server's count at the row's version). */
export const SeatPoolRow = z.object({
	id: Uuid,
	...synced,
	productId: Uuid,
	sku: z.string(),
	productName: z.string(),
	owned: z.number().int().nonnegative(),
	assigned: z.number().int().nonnegative()
});
export type SeatPoolRow = z.infer<typeof SeatPoolRow>;

export const OrderStatus = z.enum(['pending_payment', 'confirmed']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** An order line as priced when the order was placed (a later price change does not touch it). */
export const OrderLine = z.object({
	packageId: Uuid,
	productId: Uuid,
	sku: z.string(),
	name: z.string(),
	seatsPerPackage: z.number().int().positive(),
	quantity: z.number().int().positive(),
	priceMinor: MinorAmount,
	currency: CurrencyCode
});
export type OrderLine = z.infer<typeof OrderLine>;

export const CurrencyTotal = z.object({ currency: CurrencyCode, amountMinor: z.number().int().nonnegative() });
export type CurrencyTotal = z.infer<typeof CurrencyTotal>;

export const SeatOrderRow = z.object({
	id: Uuid,
	...synced,
	status: OrderStatus,
	lines: z.array(OrderLine),
	totals: z.array(CurrencyTotal), // one per currency, sorted by code
	placedBy: z.string(), // email
	placedAt: IsoDateTime,
	confirmedAt: IsoDateTime.nullable(),
	paymentRef: z.string().nullable()
});
export type SeatOrderRow = z.infer<typeof SeatOrderRow>;

export const SeatAssignmentRow = z.object({
	id: Uuid,
	...synced,
	productId: Uuid,
	sku: z.string(),
	productName: z.string(),
	userId: Uuid,
	userEmail: z.string(),
	assignedAt: IsoDateTime,
	assignedBy: z.string(),
	releasedAt: IsoDateTime.nullable() // released seats stay as history; only unreleased ones count
});
export type SeatAssignmentRow = z.infer<typeof SeatAssignmentRow>;

/** Totals per currency of priced lines, sorted by currency code: the cart, the order and the server agree on it. */
export function totalsByCurrency(lines: readonly { quantity: number; priceMinor: number; currency: string }[]): CurrencyTotal[] {
	const totals = new Map<string, number>();
	for (const line of lines) totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.quantity * line.priceMinor);
	return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
}
