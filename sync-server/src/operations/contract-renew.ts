/**
 * `contract.renew`: records an online self-service renewal request on a maintenance contract. The rules are those
 * of shared `renewalEligibility`, judged now with the server's date (a request queued offline counts from when it
 * arrives); the vendor's confirmation of the payment then extends the contract (admin/contracts.service.ts).
 * A contract of another account reads exactly like an unknown one.
 */
import { ErrorCode, RenewContractArgs, renewalEligibility, type IneligibleReason } from '@keyfield/shared';
import { recordActivity } from '../db/activity.repository.ts';
import { recordRenewalRequest, toContract } from '../db/contracts.repository.ts';
import { openContractRequest } from './contract-requests.ts';
import { defineOperation, Rejection } from './operation.ts';
import { webhookEvent } from '../webhooks/events.ts';
import { authorizeIn } from './authorize.ts';


function reasonText(reason: IneligibleReason): string {
	switch (reason.kind) {
		case 'too_early':
			return `it can be renewed online from ${reason.opensOn} (30 days before its end)`;
		case 'partner_channel':
			return `it was bought from ${reason.partner?.name ?? 'a partner'}, who renews it`;
		case 'version_before_cutoff':
			return `it was bought at version ${reason.productVersion}, before ${reason.cutoffVersion}: upgrade to ${reason.cutoffVersion} or later to renew`;
	}
}

export const contractRenew = defineOperation({
	name: 'contract.renew',
	args: RenewContractArgs,

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'contract.renew', args.accountId),

	async apply(tx, ctx, args) {
		const { version, contracts, today, requestedBy } = await openContractRequest(tx, ctx, args.accountId, [args.contractId]);
		const contract = contracts[0]!;
		const eligibility = renewalEligibility(toContract(contract), today);
		if (!eligibility.eligible) {
			throw new Rejection(ErrorCode.renewalNotEligible, `This contract cannot be renewed online: ${eligibility.reasons.map(reasonText).join('; ')}.`, {
				reasons: eligibility.reasons,
				contact: eligibility.contact
			});
		}
		await recordRenewalRequest(tx, { id: contract.id, accountId: args.accountId, version, renewalId: args.renewalId, requestedOn: today, requestedBy });
		await recordActivity(tx, {
			userId: ctx.userId,
			accountId: args.accountId,
			action: 'contract.renew',
			details: { contractId: contract.id, renewalId: args.renewalId, endsOn: contract.ends_on, requestedOn: today },
			ip: ctx.ip,
			clientId: ctx.clientId,
			mutationId: ctx.mutationId
		});
		ctx.batch.emit(webhookEvent('renewal.requested', args.accountId, {
			contractId: contract.id, accountId: args.accountId, renewalId: args.renewalId, endsOn: contract.ends_on, requestedOn: today, requestedBy
		}));
		return { contractId: contract.id, renewalId: args.renewalId, requestedOn: today };
	}
});
