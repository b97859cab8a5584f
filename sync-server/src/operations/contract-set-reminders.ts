/**
 * `contract.setReminders`: a contract's reminder lead times (days before its end), for everyone in its account and
 * on every device (the home reminder, system notifications and the .ics alarms follow them); null: 60/30/7 again.
 * A contract of another account reads exactly like an unknown one.
 */
import { ErrorCode, SetRemindersArgs } from '@keyfield/shared';
import { recordActivity } from '../db/activity.repository.ts';
import { lockContracts, setReminderLeads } from '../db/contracts.repository.ts';
import { takeVersion } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';

export const contractSetReminders = defineOperation({
	name: 'contract.setReminders',
	args: SetRemindersArgs,

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'contract.setReminders', args.accountId),

	async apply(tx, ctx, args) {
		await ctx.savepoint(); // the rejection below follows the version bump
		const version = await takeVersion(tx, ctx, args.accountId);
		const [contract] = await lockContracts(tx, [args.contractId], args.accountId);
		if (!contract) throw new Rejection(ErrorCode.contractUnknown, 'This contract is not known in this workspace. Sync and pick it again.');
		// Longest first, as the reminder reads them (60, 30, 7).
		const leads = args.leads === null ? null : [...args.leads].sort((a, b) => b - a);
		await setReminderLeads(tx, { id: contract.id, accountId: args.accountId, version, leads });
		await recordActivity(tx, {
			userId: ctx.userId,
			accountId: args.accountId,
			action: 'contract.setReminders',
			details: { contractId: contract.id, leads, previous: contract.reminder_leads },
			ip: ctx.ip,
			clientId: ctx.clientId,
			mutationId: ctx.mutationId
		});
		return { contractId: contract.id, leads };
	}
});
