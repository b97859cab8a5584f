/** Revoking a pending invitation: its link stops working at once. An accepted or revoked one reads as unknown. */
import { ErrorCode, RevokeInvitationArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { closeInvitation, lockInvitation } from '../db/members.repository.ts';
import { takeVersion } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';

type Args = z.output<typeof RevokeInvitationArgs>;

export const invitationRevoke = defineOperation({
	name: 'invitation.revoke',
	args: RevokeInvitationArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'invitation.revoke', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const invitation = await lockInvitation(tx, args.invitationId, args.accountId);
		if (!invitation || invitation.status !== 'pending') throw new Rejection(ErrorCode.invitationUnknown, 'This invitation is no longer pending: it was accepted or revoked.');
		await ctx.savepoint();
		await closeInvitation(tx, invitation.id, 'revoked', await takeVersion(tx, ctx, args.accountId));
		const details = { invitationId: invitation.id, email: invitation.email };
		await recordActivity(tx, { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId, accountId: args.accountId, action: 'invitation.revoke', details });
		return { invitationId: invitation.id };
	}
});
