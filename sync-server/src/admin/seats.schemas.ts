/** Vendor API for seat packages and orders: request and response schemas (validation and openapi.json). */
import { CurrencyCode, MinorAmount, SeatOrderRow, Uuid } from '@keyfield/shared';
import { z } from 'zod';

const PackageName = z.string().trim().min(1).max(120);

export const CreatePackageRequest = z.object({
	sku: z.string().min(1).max(50),
	name: PackageName,
	seats: z.number().int().min(1).max(100_000),
	priceMinor: MinorAmount, // in the currency's minor unit: 129900 = 1,299.00
	currency: CurrencyCode
});

export const UpdatePackageRequest = z
	.object({ name: PackageName.optional(), priceMinor: MinorAmount.optional(), currency: CurrencyCode.optional(), active: z.boolean().optional() })
	.refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'change at least one of name, priceMinor, currency, active' });

export const SeatPackage = z.object({
	id: Uuid,
	productId: Uuid,
	sku: z.string(),
	productName: z.string(),
	name: z.string(),
	seats: z.number().int(),
	priceMinor: z.number().int(),
	currency: z.string(),
	active: z.boolean()
});

export const PackageListing = z.object({ packages: z.array(SeatPackage) });

export const ListOrdersQuery = z.object({ accountId: Uuid });
export const OrderListing = z.object({ orders: z.array(SeatOrderRow.omit({ version: true })) });

export const ConfirmOrderRequest = z.object({
	paymentRef: z.string().trim().min(1).max(200).optional() // the payment's reference in the order system
});

export { ConfirmedOrder } from '@keyfield/shared';
