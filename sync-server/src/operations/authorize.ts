/** Authorisation at apply time through the role matrix (shared `PermissionMatrix`): the user reaches the account
 * now, directly or through a partner's delegation, with a role the operation allows for that reach. A partner
 * whose delegation is view-only, or was revoked, is told so in words naming both accounts. */
import { ErrorCode, mayPerform, viewOnly, whoMay, type OperationName } from '@keyfield/shared';
import { accountName, revokedDelegationFor } from '../db/delegations.repository.ts';
import { Rejection, type OperationContext } from './operation.ts';

export async function authorizeIn(ctx: OperationContext, operation: OperationName, accountId: string): Promise<void> {
	const access = await ctx.batch.access(accountId);
	if (!access) {
		const revoked = await revokedDelegationFor(ctx.batch.tx, ctx.userId, accountId);
		if (revoked)
			throw new Rejection(ErrorCode.delegationRevoked, `${revoked.customerName} no longer delegates its account to ${revoked.partnerName}; ask ${revoked.customerName}'s admin to delegate it again.`, { customerName: revoked.customerName, partnerName: revoked.partnerName });
		throw new Rejection(ErrorCode.accountNotInScope, 'You do not have access to this account any more.');
	}
	if (mayPerform(operation, access)) return;
	if (viewOnly(access)) {
		const customerName = await accountName(ctx.batch.tx, accountId);
		const partnerName = access.partnerNames.join(', ');
		throw new Rejection(ErrorCode.delegationReadOnly, `${partnerName} may only view ${customerName}'s licenses; ask ${customerName}'s admin for manage access.`, { customerName, partnerName });
	}
	throw new Rejection(ErrorCode.notAllowed, whoMay(operation));
}
