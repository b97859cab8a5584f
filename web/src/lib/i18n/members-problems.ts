/** Rejections of the users-and-domains operations, in words an admin can act on (keyed by error code). */
import { ErrorCode } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';
import type { RejectionText } from './problems.ts';

const MEMBER_CODES: ReadonlySet<string> = new Set([
	ErrorCode.domainNotApproved, ErrorCode.alreadyMember, ErrorCode.invitationPending, ErrorCode.invitationIdTaken,
	ErrorCode.invitationUnknown, ErrorCode.domainTaken, ErrorCode.memberUnknown, ErrorCode.lastAdmin, ErrorCode.seatsHeld
]);

export function isMembersCode(code: string): boolean {
	return MEMBER_CODES.has(code);
}

export function membersRejectionText(code: string, details?: Record<string, unknown>): RejectionText {
	switch (code) {
		case ErrorCode.domainNotApproved:
			return { reason: m.members_reject_domain_not_approved({ domain: String(details?.domain ?? '') }), next: m.members_next_approve_domain(), retryable: true };
		case ErrorCode.alreadyMember:
			return { reason: m.members_reject_already_member(), next: m.members_next_nothing(), retryable: false };
		case ErrorCode.invitationPending:
			return { reason: m.members_reject_invitation_pending(), next: m.members_next_revoke_first(), retryable: true };
		case ErrorCode.invitationUnknown:
			return { reason: m.members_reject_invitation_unknown(), next: m.members_next_nothing(), retryable: false };
		case ErrorCode.memberUnknown:
			return { reason: m.members_reject_member_unknown(), next: m.members_next_nothing(), retryable: false };
		case ErrorCode.lastAdmin:
			return { reason: m.members_reject_last_admin(), next: m.members_next_make_admin(), retryable: true };
		case ErrorCode.seatsHeld:
			return { reason: m.members_reject_seats_held({ seats: Number(details?.seats ?? 1) }), next: m.members_next_release_seats(), retryable: true };
		default: // invitation_id_taken, domain_taken: the device reused an id; doing it again makes a new one
			return { reason: m.reject_other(), next: m.members_next_do_again(), retryable: true };
	}
}

/** What a queued users-and-domains operation is called in "Needs attention". */
export function membersOperationLabel(name: string): string | null {
	switch (name) {
		case 'user.invite':
			return m.members_op_invite();
		case 'invitation.revoke':
			return m.members_op_revoke();
		case 'domain.approve':
			return m.members_op_domain();
		case 'member.setRole':
			return m.members_op_set_role();
		case 'user.remove':
			return m.members_op_remove();
		default:
			return null;
	}
}
