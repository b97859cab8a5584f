/**
 * `contract.coterm`: asks to bring several contracts of one account to one end date (shared `cotermPlan`: the
 * latest of their ends, or a later date the user picked; never shortening one). The request waits on each contract
 * until the vendor confirms it (admin/contracts.service.ts), which moves the ends and re-signs the keys.
 * Contracts of another account read exactly like unknown ones.
 */
import { CotermContractsArgs, ErrorCode, cotermPlan } from '@keyfield/shared';
import { recordActivity } from '../db/activity.repository.ts';
import { recordCotermRequest } from '../db/contracts.repository.ts';
import { openContractRequest } from './contract-requests.ts';
import { defineOperation, Rejection } from './operation.ts';
import { authorizeIn } from './authorize.ts';


export const contractCoterm = defineOperation({
	name: 'contract.coterm',
	args: CotermContractsArgs,

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'contract.coterm', args.accountId),

	async apply(tx, ctx, args) {
		const { version, contracts, today, requestedBy } = await openContractRequest(tx, ctx, args.accountId, args.contractIds);
		const plan = cotermPlan(contracts.map((c) => ({ id: c.id, endsOn: c.ends_on, seats: c.seats })), args.commonEnd);
		if (!plan.ok) {
			// Two or more contracts always give a plan unless the picked date comes before one of their ends.
			const latestEnd = plan.reason === 'would_shorten' ? plan.latestEnd : null;
			throw new Rejection(ErrorCode.cotermWouldShorten, `Co-terming never shortens a contract: pick ${latestEnd} or later.`, { latestEnd });
		}
		await recordCotermRequest(tx, { ids: args.contractIds, accountId: args.accountId, version, cotermId: args.cotermId, commonEnd: plan.commonEnd, requestedOn: today, requestedBy });
		const result = { cotermId: args.cotermId, commonEnd: plan.commonEnd, totalSeatDays: plan.totalSeatDays, lines: plan.lines };
		await recordActivity(tx, { userId: ctx.userId, accountId: args.accountId, action: 'contract.coterm', details: result, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId });
		return result;
	}
});
