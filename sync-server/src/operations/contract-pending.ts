/** One change request per contract at a time: a renewal or a co-term waiting for the vendor blocks another. */
import { ErrorCode } from '@keyfield/shared';
import type { LockedContract } from '../db/contracts.repository.ts';
import { Rejection } from './operation.ts';

export function rejectIfPending(contract: LockedContract): void {
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
