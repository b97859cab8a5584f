/** 2-step verification and sessions: what `/api/security/*` takes and returns. */
import { z } from 'zod';
import { IsoDateTime, Uuid } from '../entities.ts';

export const TotpStatus = z.object({ enabled: z.boolean(), enrolling: z.boolean(), recoveryCodesLeft: z.number().int().nonnegative() });
export type TotpStatus = z.infer<typeof TotpStatus>;

/** The secret as typed into an app by hand, and the otpauth:// URI the QR code carries. */
export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string() });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpCode = z.object({ code: z.string().trim().max(16) });

/** Shown once, when 2-step verification is switched on; each works once instead of a code. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const SessionEntry = z.object({ id: Uuid, createdAt: IsoDateTime, userAgent: z.string().nullable(), ip: z.string().nullable(), current: z.boolean() });
export type SessionEntry = z.infer<typeof SessionEntry>;
export const SessionList = z.object({ sessions: z.array(SessionEntry) });
export type SessionList = z.infer<typeof SessionList>;

export const JournalCheck = z.object({
	ok: z.boolean(),
	rows: z.number().int(),
	brokenAt: z.object({ seq: z.number().int(), id: z.number().int(), reason: z.enum(['hash', 'link', 'gap', 'head']) }).optional()
});
export type JournalCheck = z.infer<typeof JournalCheck>;

/** The activity journal of one account as its admins read it: newest first, at most `limit` rows. */
export const JournalQuery = z.object({
	accountId: Uuid,
	user: z.string().trim().toLowerCase().max(254).optional(), // part of the email
	action: z.string().trim().max(100).optional(), // a type, or its prefix ("license." for every license change)
	from: z.iso.date().optional(),
	to: z.iso.date().optional(), // inclusive
	limit: z.coerce.number().int().min(1).max(1000).default(200),
	format: z.enum(['json', 'csv']).default('json')
});
export type JournalQuery = z.input<typeof JournalQuery>;

export const JournalEntry = z.object({
	id: z.number().int(),
	at: IsoDateTime,
	user: z.string().nullable(),
	action: z.string(),
	details: z.record(z.string(), z.unknown()),
	ip: z.string().nullable(),
	clientId: z.string().nullable(),
	mutationId: z.number().int().nullable()
});
export type JournalEntry = z.infer<typeof JournalEntry>;
export const JournalPage = z.object({ entries: z.array(JournalEntry) });
export type JournalPage = z.infer<typeof JournalPage>;
