/** Vendor API for vouchers: mint a batch, void codes, list a batch. */
import { IsoDate, IsoDateTime, Uuid, parseCode } from '@keyfield/shared';
import { z } from 'zod';

const VoucherCode = z.string().max(64).transform((s, ctx) => {
	const parsed = parseCode('voucher', s);
	if (!parsed.ok) {
		ctx.addIssue({ code: 'custom', message: 'not a valid voucher code' });
		return z.NEVER;
	}
	return parsed.code;
});

export const MintVouchersRequest = z.object({
	sku: z.string().min(1).max(50),
	seats: z.number().int().min(1).max(1_000_000),
	termMonths: z.number().int().min(1).max(120), // maintenance runs this long from the day of redemption
	expiresOn: IsoDate, // the last day (UTC) a code can be redeemed
	count: z.number().int().min(1).max(1000),
	restrictedToAccountId: Uuid.optional() // an OEM or partner account: only its users can redeem (to others the codes do not exist)
});

export const MintedVouchers = z.object({ batchId: Uuid, codes: z.array(z.string()) });

export const VoidVouchersRequest = z.object({ codes: z.array(VoucherCode).min(1).max(1000) });

export const VoidedVouchers = z.object({
	voided: z.array(z.string()),
	alreadyRedeemed: z.array(z.string()), // a redeemed voucher stays redeemed: revoke its license instead
	unknown: z.array(z.string())
});

export const VoucherBatchListing = z.object({
	batchId: Uuid,
	sku: z.string(),
	seats: z.number().int(),
	termMonths: z.number().int(),
	expiresOn: IsoDate,
	restrictedToAccountId: Uuid.nullable(),
	vouchers: z.array(
		z.object({
			code: z.string(),
			status: z.enum(['available', 'redeemed', 'void']),
			redeemedAt: IsoDateTime.nullable(),
			accountId: Uuid.nullable(),
			licenseId: Uuid.nullable()
		})
	)
});
