/** Sharing a license read-only with another account, chosen by that account's share code; and ending it. */
import { z } from 'zod';
import { parseCode } from '../codes.ts';
import { Uuid } from '../entities.ts';

export const ShareCode = z
	.string()
	.max(64)
	.transform((s, ctx) => {
		const parsed = parseCode('share', s);
		if (!parsed.ok) {
			ctx.addIssue({ code: 'custom', message: 'not a valid share code', params: { problem: parsed.problem } });
			return z.NEVER;
		}
		return parsed.code;
	});

export const ShareArgs = z.object({
	shareId: Uuid, // generated on the device: the pending row and both server rows (owner's, recipient's) share it
	licenseId: Uuid,
	accountId: Uuid, // the license's (owner's) account
	shareCode: ShareCode
});
export type ShareArgs = z.input<typeof ShareArgs>;

export const ShareResult = z.object({ shareId: Uuid, recipientName: z.string(), existing: z.boolean() });

export const UnshareArgs = z.object({ shareId: Uuid, accountId: Uuid });
export type UnshareArgs = z.input<typeof UnshareArgs>;
