/** Authorisation at apply time through the role matrix (shared `PermissionMatrix`): the user reaches the account
 * now, directly or through a partner's delegation, with a role the operation allows for that reach. */
import { ErrorCode, mayPerform, whoMay, type OperationName } from '@keyfield/shared';
import { Rejection, type OperationContext } from './operation.ts';

export async function authorizeIn(ctx: OperationContext, operation: OperationName, accountId: string): Promise<void> {
	const access = await ctx.batch.access(accountId);
	if (!access) throw new Rejection(ErrorCode.accountNotInScope, 'You do not have access to this account any more.');
	if (!mayPerform(operation, access)) throw new Rejection(ErrorCode.notAllowed, whoMay(operation));
}
