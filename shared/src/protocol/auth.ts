import { z } from 'zod';
import { AccountKind, Role, User, Uuid } from '../entities.ts';

export const LoginRequest = z.object({
	email: z.string().trim().toLowerCase().max(254),
	password: z.string().max(1024),
	totp: z.string().max(16).optional()
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const AccountSummary = z.object({ id: Uuid, name: z.string(), kind: AccountKind, role: Role.nullable() });
export type AccountSummary = z.infer<typeof AccountSummary>;

/** Returned by login and /api/auth/me. `role` is null for accounts seen through a partner delegation. */
/** `twoStepEnrolmentRequired`: an account of the user requires 2-step verification and they have none yet: until
 * they enrol, the server answers only sign-in and enrolment routes (403 two_step_enrolment_required elsewhere). */
export const SessionInfo = z.object({ user: User, accounts: z.array(AccountSummary), twoStepEnrolmentRequired: z.boolean().optional() });
export type SessionInfo = z.infer<typeof SessionInfo>;
