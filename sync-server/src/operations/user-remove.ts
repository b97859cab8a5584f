/**
 * Removing a user from the account (their membership; the person keeps their other accounts). The portal's rule:
 * their seats are released first; and the last admin cannot be removed. The account leaves their scope, so their
 * devices purge it at the next pull.
 */
import { ErrorCode, RemoveUserArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { deleteMembership } from '../db/members.repository.ts';
import { takeVersion } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { seatsHeldBy } from './seats-held.ts';
import { lastAdminRejection, lockedMember } from './locked-member.ts';
import { defineOperation, Rejection } from './operation.ts';

type Args = z.output<typeof RemoveUserArgs>;

export const userRemove = defineOperation({
	name: 'user.remove',
	args: RemoveUserArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'user.remove', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const { target, lastAdmin } = await lockedMember(tx, args.accountId, args.userId);
		if (lastAdmin) throw lastAdminRejection();
		const seats = await seatsHeldBy(tx, args.accountId, args.userId);
		if (seats > 0) {
			throw new Rejection(ErrorCode.seatsHeld, `This person holds ${seats} seat${seats === 1 ? '' : 's'} in this account. Release them first, then remove the person.`, { seats });
		}
		await ctx.savepoint();
		await deleteMembership(tx, { id: target.id, accountId: args.accountId }, await takeVersion(tx, ctx, args.accountId));
		const details = { userId: args.userId, role: target.role };
		await recordActivity(tx, { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId, accountId: args.accountId, action: 'user.remove', details });
		return { userId: args.userId };
	}
});
