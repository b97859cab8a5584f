/** Vendor API for seat packages and orders: request and response schemas (validation and openapi.json). */
import { CurrencyCode, MinorAmount, SeatOrderRow, TypedText, Uuid } from '@keyfield/shared';
import { z } from 'zod';

// Postgres text cannot hold NUL: TypedText refuses it as a 400 rather than failing in the database.
const PackageName = TypedText(120).min(1);

export const CreatePackageRequest = z.object({
	sku: TypedText(50).min(1),
	name: PackageName,
	seats: z.number().int().min(1).max(100_000),
	priceMinor: MinorAmount, // in the currency's minor unit: 129900 = 1,299.00
	currency: CurrencyCode
});

export const UpdatePackageRequest = z
	.object({ name: PackageName.optional(), priceMinor: MinorAmount.optional(), currency: CurrencyCode.optional(), active: z.boolean().optional() })
	.refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'change at least one of name, priceMinor, currency, active' });

// The answers are shared with the vendor console, which parses them with the same schemas.
export { PackageListing, SeatPackage } from '@keyfield/shared';

export const ListOrdersQuery = z.object({ accountId: Uuid });
export const OrderListing = z.object({ orders: z.array(SeatOrderRow.omit({ version: true })) });

export const ConfirmOrderRequest = z.object({
	paymentRef: z.string().trim().min(1).max(200).optional() // the payment's reference in the order system
});

export { ConfirmedOrder } from '@keyfield/shared';
