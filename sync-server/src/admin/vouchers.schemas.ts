/** Vendor API for vouchers: mint a batch, void codes, list a batch. */
import { IsoDate, Uuid, parseCode } from '@keyfield/shared';
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

export const VoidVouchersRequest = z.object({ codes: z.array(VoucherCode).min(1).max(1000) });

export { MintedVouchers, VoidedVouchers, VoucherBatchListing } from '@keyfield/shared';
