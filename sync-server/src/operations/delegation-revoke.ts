/**
 * A customer admin ends a partner's delegation. The customer's version is bumped with a tombstone for the
 * delegation row, which pokes the partner's devices (the account is in their scope until now): their next pull no
 * longer lists the account and they purge it; their operations queued against it are refused as revoked.
 */
import { ErrorCode, RevokeDelegationArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { pokeAccount, revokeDelegation } from '../db/delegations.repository.ts';
import { takeVersion } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';

type Args = z.output<typeof RevokeDelegationArgs>;

export const delegationRevoke = defineOperation({
	name: 'delegation.revoke',
	args: RevokeDelegationArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'delegation.revoke', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		await ctx.savepoint();
		const version = await takeVersion(tx, ctx, args.accountId);
		const revoked = await revokeDelegation(tx, { id: args.delegationId, customerAccountId: args.accountId, version });
		if (!revoked) throw new Rejection(ErrorCode.delegationUnknown, 'This partner no longer has a delegation of this account.');
		await pokeAccount(tx, revoked.partnerAccountId);
		ctx.batch.forgetAccess();
		const journal = { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId };
		const details = { delegationId: args.delegationId, customerAccountId: args.accountId, partnerAccountId: revoked.partnerAccountId };
		await recordActivity(tx, { ...journal, accountId: args.accountId, action: 'delegation.revoke', details });
		await recordActivity(tx, { ...journal, accountId: revoked.partnerAccountId, action: 'delegation.revoke.received', details });
		return { delegationId: args.delegationId };
	}
});
