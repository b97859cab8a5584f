/**
 * Inviting a person by email with a role. Allowed only into a domain the account approved (DNS proof or the
 * vendor); the person must not be a member already nor hold an open invitation. The link's token is made here,
 * on the server, and only its hash is stored; the mail is queued in this transaction, so it exists iff the invite does.
 */
import { ErrorCode, InviteUserArgs, emailDomain } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { findOpenInvitation, insertInvitation, isDomainApproved } from '../db/members.repository.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { queueMail } from '../mail/outbox.ts';
import { INVITATION_DAYS, invitationMail } from '../members/invitation-mail.ts';
import { takeVersion, userEmail } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';

type Args = z.output<typeof InviteUserArgs>;

export const userInvite = defineOperation({
	name: 'user.invite',
	args: InviteUserArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'user.invite', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const domain = emailDomain(args.email);
		if (!(await isDomainApproved(tx, args.accountId, domain))) {
			throw new Rejection(
				ErrorCode.domainNotApproved,
				`${domain} is not an approved email domain of this account. An admin approves it under Members → Approved domains (a DNS TXT record proves control), or the vendor approves it for you.`,
				{ domain }
			);
		}
		const member = await tx
			.selectFrom('memberships')
			.innerJoin('users', 'users.id', 'memberships.user_id')
			.select('memberships.id')
			.where('memberships.account_id', '=', args.accountId)
			.where('users.email', '=', args.email)
			.executeTakeFirst();
		if (member) throw new Rejection(ErrorCode.alreadyMember, `${args.email} is already a member of this account.`);
		if (await findOpenInvitation(tx, args.accountId, args.email)) {
			throw new Rejection(ErrorCode.invitationPending, `${args.email} already has an invitation that has not expired. Revoke it to send a new one.`);
		}

		await ctx.savepoint();
		const token = newToken();
		const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
		const version = await takeVersion(tx, ctx, args.accountId);
		const inviter = await userEmail(tx, ctx.userId);
		const inserted = await insertInvitation(tx, { id: args.invitationId, accountId: args.accountId, version, email: args.email, role: args.role, tokenHash: hashToken(token), invitedBy: ctx.userId, expiresAt });
		if (!inserted) throw new Rejection(ErrorCode.invitationIdTaken, 'This request was already used for another invitation. Invite again.');
		const account = await tx.selectFrom('accounts').select('name').where('id', '=', args.accountId).executeTakeFirstOrThrow();
		const link = `${ctx.services.publicUrl}/invite/${token}`;
		await queueMail(tx, invitationMail({ to: args.email, accountId: args.accountId, accountName: account.name, inviter, role: args.role, link, expiresAt }));
		const details = { invitationId: args.invitationId, email: args.email, role: args.role, expiresAt: expiresAt.toISOString() };
		await recordActivity(tx, { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId, accountId: args.accountId, action: 'user.invite', details });
		return { invitationId: args.invitationId, expiresAt: expiresAt.toISOString() };
	}
});
