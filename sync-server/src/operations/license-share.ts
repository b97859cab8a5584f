/**
 * Sharing a license read-only with another account, named by its share code. The recipient gets a row in its own
 * account (all its scope holds), so its devices pull the license; the owner's row says with whom it is shared.
 * Rules: only an admin of the license's account shares; the license must be in that account; a code that names
 * no account, or the owner's own, is refused; sharing again with the same account answers the existing share.
 */
import { ErrorCode, ShareArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { accountByShareCode, findShare, insertShare } from '../db/sharing.repository.ts';
import { takeVersions, userEmail } from './account-writes.ts';
import { defineOperation, Rejection } from './operation.ts';
import { authorizeIn } from './authorize.ts';

type Args = z.output<typeof ShareArgs>;

export const licenseShare = defineOperation({
	name: 'license.share',
	args: ShareArgs,

	rejectArgs(error) {
		if (!error.issues.some((i) => i.path[0] === 'shareCode')) return null;
		return new Rejection(ErrorCode.shareCodeInvalid, 'This share code is not valid: check it with the account that gave it to you.');
	},

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'license.share', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const license = await tx.selectFrom('licenses').select('id').where('id', '=', args.licenseId).where('account_id', '=', args.accountId).forUpdate().executeTakeFirst();
		if (!license) throw new Rejection(ErrorCode.licenseUnknown, 'This license is not in this account (any more).');
		const recipient = await accountByShareCode(tx, args.shareCode);
		if (!recipient) throw new Rejection(ErrorCode.shareCodeUnknown, 'No account has this share code: ask the other account for its code again.');
		if (recipient.id === args.accountId) throw new Rejection(ErrorCode.shareWithOwnAccount, 'This is your own account\'s share code: enter the code of the account to share with.');
		// The license row is locked above, so two shares of it with one account cannot both get past this.
		const existing = await findShare(tx, args.licenseId, recipient.id);
		if (existing) return { shareId: existing.id, recipientName: recipient.name, existing: true };

		await ctx.savepoint();
		const sharedBy = await userEmail(tx, ctx.userId);
		const versions = await takeVersions(tx, ctx, [args.accountId, recipient.id]);
		const share = {
			id: args.shareId,
			ownerAccountId: args.accountId,
			ownerVersion: versions.get(args.accountId)!,
			licenseId: args.licenseId,
			recipientAccountId: recipient.id,
			recipientVersion: versions.get(recipient.id)!,
			sharedBy
		};
		if (!(await insertShare(tx, share))) throw new Rejection(ErrorCode.shareIdTaken, 'This request was already used for another share. Share again.');
		const journal = { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId };
		const details = { shareId: args.shareId, licenseId: args.licenseId, ownerAccountId: args.accountId, recipientAccountId: recipient.id };
		await recordActivity(tx, { ...journal, accountId: args.accountId, action: 'license.share', details });
		await recordActivity(tx, { ...journal, accountId: recipient.id, action: 'license.share.received', details });
		return { shareId: args.shareId, recipientName: recipient.name, existing: false };
	}
});
