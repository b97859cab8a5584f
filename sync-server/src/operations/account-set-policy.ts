/**
 * An admin sets the account's security policy: "require 2-step verification for all members". The account row
 * carries it (so devices show it); sign-in and every request of a member without 2-step verification are then held
 * to enrolment (auth/authenticate.ts) until they enrol.
 */
import { ErrorCode, SetAccountPolicyArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { takeVersion } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';
import { twoStepEnrolled } from '../db/users.repository.ts';

type Args = z.output<typeof SetAccountPolicyArgs>;

export const accountSetPolicy = defineOperation({
	name: 'account.setPolicy',
	args: SetAccountPolicyArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'account.setPolicy', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		// The admin who requires it must have it, or the policy would lock them out with their own switch.
		if (args.requireTwoStep && !(await twoStepEnrolled(tx, ctx.userId)))
			throw new Rejection(ErrorCode.twoStepEnrolmentRequired, 'Set up your own 2-step verification first (Account → Security), then require it of everyone.');
		await ctx.savepoint();
		const version = await takeVersion(tx, ctx, args.accountId);
		// The account row syncs at `row_version`: stamping it with this write's version sends the new policy.
		await tx.updateTable('accounts').set({ require_two_step: args.requireTwoStep, row_version: version }).where('id', '=', args.accountId).execute();
		await recordActivity(tx, { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId, accountId: args.accountId, action: 'account.setPolicy', details: { requireTwoStep: args.requireTwoStep } });
		return { requireTwoStep: args.requireTwoStep };
	}
});
