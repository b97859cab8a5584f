/** Changing a member's role in the account. The last admin cannot be demoted: someone must be able to manage it. */
import { SetMemberRoleArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { setMembershipRole } from '../db/members.repository.ts';
import { takeVersion } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { lastAdminRejection, lockedMember } from './locked-member.ts';
import { defineOperation } from './operation.ts';

type Args = z.output<typeof SetMemberRoleArgs>;

export const memberSetRole = defineOperation({
	name: 'member.setRole',
	args: SetMemberRoleArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'member.setRole', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const { target, lastAdmin } = await lockedMember(tx, args.accountId, args.userId);
		if (target.role === args.role) return { userId: args.userId, role: args.role, unchanged: true };
		if (lastAdmin) throw lastAdminRejection();
		await ctx.savepoint();
		await setMembershipRole(tx, target.id, args.role, await takeVersion(tx, ctx, args.accountId));
		const details = { userId: args.userId, from: target.role, to: args.role };
		await recordActivity(tx, { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId, accountId: args.accountId, action: 'member.setRole', details });
		return { userId: args.userId, role: args.role, unchanged: false };
	}
});
