/** Invitation links (`/api/invitations/*`, used signed out) and the development mail viewer (`/api/dev/mail`). */
import { z } from 'zod';
import { IsoDateTime, Role, Uuid } from '../entities.ts';
import { MAX_PASSWORD_LENGTH } from '../password-strength.ts';

/** What the invitee sees before accepting. `existingUser`: the email has an account already; they sign in first. */
export const InvitationInfo = z.object({
	accountName: z.string(),
	email: z.string(),
	role: Role,
	expiresAt: IsoDateTime,
	existingUser: z.boolean()
});
export type InvitationInfo = z.infer<typeof InvitationInfo>;

/** A new person names themselves and sets a password; an existing user (signed in as the invited email) sends {}. */
export const AcceptInvitationRequest = z.object({
	name: z.string().trim().min(1).max(200).optional(),
	password: z.string().max(MAX_PASSWORD_LENGTH).optional()
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

export const MailStatus = z.enum(['queued', 'sent', 'failed']);
export const DevMail = z.object({
	id: Uuid,
	accountId: Uuid.nullable(),
	to: z.string(),
	subject: z.string(),
	text: z.string(),
	status: MailStatus,
	createdAt: IsoDateTime
});
export type DevMail = z.infer<typeof DevMail>;
export const DevMailList = z.object({ mail: z.array(DevMail) });
export type DevMailList = z.infer<typeof DevMailList>;
