/**
 * Ending a share: both rows go, and a tombstone in each account makes the license disappear from the recipient's
 * devices (and the share from the owner's). Only an admin of the owner's account unshares; a share id that is not
 * in that account reads as unknown, whoever's it is.
 */
import { ErrorCode, UnshareArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { deleteShare, lockShare } from '../db/sharing.repository.ts';
import { takeVersions } from './account-writes.ts';
import { defineOperation, Rejection } from './operation.ts';
import { authorizeIn } from './authorize.ts';

type Args = z.output<typeof UnshareArgs>;

export const licenseUnshare = defineOperation({
	name: 'license.unshare',
	args: UnshareArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'license.unshare', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const share = await lockShare(tx, args.shareId, args.accountId);
		if (!share) throw new Rejection(ErrorCode.shareUnknown, 'This license is no longer shared with that account.');
		await ctx.savepoint();
		const versions = await takeVersions(tx, ctx, [args.accountId, share.recipient_account_id]);
		await deleteShare(tx, {
			id: share.id,
			ownerAccountId: args.accountId,
			ownerVersion: versions.get(args.accountId)!,
			recipientAccountId: share.recipient_account_id,
			recipientVersion: versions.get(share.recipient_account_id)!
		});
		const details = { shareId: share.id, licenseId: share.license_id, ownerAccountId: args.accountId, recipientAccountId: share.recipient_account_id };
		const journal = { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId };
		await recordActivity(tx, { ...journal, accountId: args.accountId, action: 'license.unshare', details });
		await recordActivity(tx, { ...journal, accountId: share.recipient_account_id, action: 'license.unshare.received', details });
		return { shareId: share.id };
	}
});
