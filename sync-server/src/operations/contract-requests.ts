/**
 * What `contract.renew` and `contract.coterm` do first: the account's version, then the contracts' locks (the order
 * every writer of the account keeps), each contract known in the account, and one change request per contract at a
 * time (a renewal or a co-term waiting for the vendor blocks another). Also who asks, and the server's date.
 */
import { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { lockContracts, type LockedContract } from '../db/contracts.repository.ts';
import type { Database } from '../db/schema.ts';
import { takeVersion, userEmail } from './account-writes.ts';
import { Rejection, type OperationContext } from './operation.ts';

function rejectIfPending(contract: LockedContract): void {
	const pending = contract.pending_renewal_id
		? { id: contract.pending_renewal_id, what: 'A renewal', on: contract.pending_renewal_on, by: contract.pending_renewal_by }
		: contract.pending_coterm_id
			? { id: contract.pending_coterm_id, what: 'A co-term', on: contract.pending_coterm_on, by: contract.pending_coterm_by }
			: null;
	if (!pending) return;
	throw new Rejection(
		ErrorCode.renewalAlreadyPending,
		`${pending.what} of the ${contract.product_name} contract was already requested on ${pending.on} by ${pending.by}; it waits for the vendor's confirmation.`,
		{ contractId: contract.id, requestId: pending.id }
	);
}

export async function openContractRequest(tx: Kysely<Database>, ctx: OperationContext, accountId: string, contractIds: readonly string[]) {
	// Rejections follow the version bump, so the savepoint comes first.
	await ctx.savepoint();
	const version = await takeVersion(tx, ctx, accountId);
	const contracts = await lockContracts(tx, contractIds, accountId);
	// The same words whether a contract does not exist or belongs to an account the user cannot see.
	if (contracts.length !== contractIds.length) throw new Rejection(ErrorCode.contractUnknown, 'This contract is not known in this workspace. Sync and pick it again.');
	contracts.forEach(rejectIfPending);
	return { version, contracts, today: new Date().toISOString().slice(0, 10), requestedBy: await userEmail(tx, ctx.userId) };
}
