/** "Get a key": register a serial printed on a certificate and receive a signed license key. */
import { z } from 'zod';
import { Registration, Uuid } from '../entities.ts';
import { parseCode } from '../codes.ts';

export const RequestKeyArgs = z.object({
	licenseId: Uuid, // generated on the device, so the pending placeholder and the server row are one row
	accountId: Uuid,
	serial: z
		.string()
		.max(64)
		.transform((s, ctx) => {
			const parsed = parseCode('serial', s);
			if (!parsed.ok) {
				ctx.addIssue({ code: 'custom', message: 'not a valid serial number', params: { problem: parsed.problem } });
				return z.NEVER;
			}
			return parsed.code;
		}),
	registration: Registration,
	hostId: z.string().trim().min(1).max(200).optional()
});
export type RequestKeyArgs = z.input<typeof RequestKeyArgs>;

export const RequestKeyResult = z.object({ licenseId: Uuid, existing: z.boolean() });
export type RequestKeyResult = z.infer<typeof RequestKeyResult>;
