/** Rejections of delegation and policy operations, and a partner's operations refused by a delegation, in words a
 * person can act on. The names come from the rejection's details (the device may no longer hold the account). */
import { ErrorCode } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';
import type { RejectionText } from './problems.ts';

const names = (details: Record<string, unknown> | undefined) => ({
	customer: typeof details?.customerName === 'string' ? details.customerName : '—',
	partner: typeof details?.partnerName === 'string' ? details.partnerName : '—'
});

export function delegationRejectionText(code: string, details?: Record<string, unknown>): RejectionText | null {
	switch (code) {
		case ErrorCode.delegationReadOnly: {
			const n = names(details);
			return { reason: m.delegation_reject_read_only(n), next: m.delegation_next_ask_manage(n), retryable: false };
		}
		case ErrorCode.delegationRevoked: {
			const n = names(details);
			return { reason: m.delegation_reject_revoked(n), next: m.delegation_next_ask_again(n), retryable: false };
		}
		case ErrorCode.partnerCodeUnknown:
			return { reason: m.delegation_reject_partner_code(), next: m.delegation_next_check_code(), retryable: false };
		case ErrorCode.delegationToSelf:
			return { reason: m.delegation_reject_to_self(), next: m.delegation_next_check_code(), retryable: false };
		case ErrorCode.delegationUnknown:
			return { reason: m.delegation_reject_unknown(), next: m.delegation_next_nothing(), retryable: false };
		case ErrorCode.twoStepEnrolmentRequired:
			return { reason: m.policy_reject_own_two_step(), next: m.policy_next_open_security(), retryable: false };
		default:
			return null;
	}
}

/** What a queued delegation or policy operation is called in "Needs attention". */
export function delegationOperationLabel(name: string): string | null {
	switch (name) {
		case 'delegation.grant':
			return m.delegation_op_grant();
		case 'delegation.revoke':
			return m.delegation_op_revoke();
		case 'account.setPolicy':
			return m.policy_op_set();
		default:
			return null;
	}
}
