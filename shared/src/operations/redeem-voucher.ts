/** Voucher center: redeem a voucher code (`V-…`) into a license in the user's own account or a delegated one. */
import { z } from 'zod';
import { IsoDateTime, Registration, Uuid } from '../entities.ts';
import { parseCode } from '../codes.ts';

export const RedeemVoucherArgs = z.object({
	licenseId: Uuid, // generated on the device, so the pending placeholder and the server row are one row
	accountId: Uuid, // where the license goes
	code: z
		.string()
		.max(64)
		.transform((s, ctx) => {
			const parsed = parseCode('voucher', s);
			if (!parsed.ok) {
				ctx.addIssue({ code: 'custom', message: 'not a valid voucher code', params: { problem: parsed.problem } });
				return z.NEVER;
			}
			return parsed.code;
		}),
	registration: Registration
});
export type RedeemVoucherArgs = z.input<typeof RedeemVoucherArgs>;

export const RedeemVoucherResult = z.object({ licenseId: Uuid, existing: z.boolean() });
export type RedeemVoucherResult = z.infer<typeof RedeemVoucherResult>;

/** Machine-readable details of a rejection, in the mutation result's `result` (the message says the same in words). */
export const VoucherRejectionDetails = z.object({
	redeemedAt: IsoDateTime.optional(), // voucher_already_redeemed: when
	redeemedInto: z.string().optional(), // …and into which account, only when that account is in the user's scope
	retryAt: IsoDateTime.optional() // too_many_attempts: when the next attempt is accepted
});
export type VoucherRejectionDetails = z.infer<typeof VoucherRejectionDetails>;
