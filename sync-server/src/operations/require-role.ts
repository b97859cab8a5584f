/** Authorisation at apply time: the user reaches the account now, with one of the roles the operation needs. */
import { ErrorCode, type Role } from '@keyfield/shared';
import { Rejection, type OperationContext } from './operation.ts';

/** `roles` may come directly or through a partner's delegation; `forbidden` says who may, in words. */
export async function requireRole(ctx: OperationContext, accountId: string, roles: ReadonlySet<Role>, forbidden: string): Promise<void> {
	const access = await ctx.batch.access(accountId);
	if (!access) throw new Rejection(ErrorCode.accountNotInScope, 'You do not have access to this account any more.');
	if (![access.directRole, ...access.partnerRoles].some((role) => role !== null && roles.has(role))) throw new Rejection(ErrorCode.notAllowed, forbidden);
}
