/**
 * Reasons a person can act on, in their language: a serial's check problem (shared `CodeProblem`, keyed by
 * `reason`) and an operation's rejection (keyed by the shared error `code`, never by the server's message text).
 */
import type { CodeKind, CodeProblem, HostIdProblem } from '@keyfield/shared';
import { ErrorCode } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';
import { sharingRejectionText } from './sharing-problems.ts';
import { isMembersCode, membersRejectionText } from './members-problems.ts';
import { SEAT_REJECTIONS, seatsRejectionText } from './seats-problems.ts';
import { delegationRejectionText } from './delegation-problems.ts';

export function serialProblemText(problem: CodeProblem): string {
	switch (problem.reason) {
		case 'empty':
			return m.serial_problem_empty();
		case 'wrong_kind':
			return m.serial_problem_wrong_kind({ found: problem.found, expected: problem.expected });
		case 'length':
			return m.serial_problem_length({ groups: problem.expectedGroups });
		case 'character':
			return m.serial_problem_character({ group: problem.group, character: problem.character });
		case 'check':
			return m.serial_problem_check({ group: problem.group });
	}
}

export function voucherProblemText(problem: CodeProblem): string {
	switch (problem.reason) {
		case 'empty':
			return m.vouchers_problem_empty();
		case 'wrong_kind':
			return m.vouchers_problem_wrong_kind({ found: problem.found, expected: problem.expected });
		case 'length':
			return m.vouchers_problem_length({ groups: problem.expectedGroups });
		case 'character':
			return m.vouchers_problem_character({ group: problem.group, character: problem.character });
		case 'check':
			return m.vouchers_problem_check({ group: problem.group });
	}
}

/** A typed notification id's problems, in words about notifications, not serials. */
export function notificationProblemText(problem: CodeProblem): string {
	switch (problem.reason) {
		case 'empty':
			return m.upgrade_code_problem_empty();
		case 'wrong_kind':
			return m.upgrade_code_problem_wrong_kind({ found: problem.found, expected: problem.expected });
		case 'length':
			return m.upgrade_code_problem_length({ groups: problem.expectedGroups });
		case 'character':
			return m.upgrade_code_problem_character({ group: problem.group, character: problem.character });
		case 'check':
			return m.upgrade_code_problem_check({ group: problem.group });
	}
}

/** The codes typed in a CodeField, each with its own wording. */
export type TypedCodeKind = Extract<CodeKind, 'serial' | 'voucher' | 'notification'>;

/** What to say about a typed code. */
export function codeProblemText(kind: TypedCodeKind, problem: CodeProblem): string {
	return { serial: serialProblemText, voucher: voucherProblemText, notification: notificationProblemText }[kind](problem);
}

export function hostIdProblemText(problem: HostIdProblem): string {
	switch (problem.reason) {
		case 'empty':
			return m.hosts_problem_empty();
		case 'too_long':
			return m.hosts_problem_too_long({ max: problem.max, found: problem.found });
		case 'character':
			return problem.character === ' ' ? m.hosts_problem_space() : m.hosts_problem_character({ character: problem.character });
		case 'mac_groups':
			return m.hosts_problem_mac_groups({ found: problem.found });
	}
}

export interface RejectionText {
	reason: string;
	next: string;
	/** Editing the request and sending it again can fix it (a typo, a different workspace); else only discard. */
	retryable: boolean;
}

/** `details`: the rejection's facts, where the words name them (the domain that is not approved, the accounts a delegation names). */
export function rejectionText(code: string, details?: Record<string, unknown>): RejectionText {
	if (isMembersCode(code)) return membersRejectionText(code, details);
	if (SEAT_REJECTIONS.includes(code)) return seatsRejectionText(code);
	const delegation = delegationRejectionText(code, details);
	if (delegation) return delegation;
	switch (code) {
		case ErrorCode.serialInvalid:
			return { reason: m.reject_serial_invalid(), next: m.next_check_serial(), retryable: true };
		case ErrorCode.serialUnknown:
			return { reason: m.reject_serial_unknown(), next: m.next_check_serial_or_vendor(), retryable: true };
		case ErrorCode.serialAlreadyRegistered:
			return { reason: m.reject_serial_already_registered(), next: m.next_find_in_licenses(), retryable: false };
		case ErrorCode.notAllowed:
			return { reason: m.reject_not_allowed(), next: m.next_ask_admin(), retryable: true };
		case ErrorCode.accountNotInScope:
			return { reason: m.reject_account_not_in_scope(), next: m.next_switch_workspace(), retryable: true };
		case ErrorCode.invalidArgs:
			return { reason: m.reject_invalid_args(), next: m.next_edit_and_retry(), retryable: true };
		case ErrorCode.licenseIdTaken:
			return { reason: m.reject_license_id_taken(), next: m.next_retry(), retryable: true };
		case ErrorCode.voucherInvalid:
		case ErrorCode.voucherUnknown:
			return { reason: m.vouchers_reject_unknown(), next: m.vouchers_next_check_code(), retryable: true };
		case ErrorCode.voucherAlreadyRedeemed:
			return { reason: m.vouchers_reject_already_redeemed(), next: m.vouchers_next_find_license(), retryable: false };
		case ErrorCode.voucherExpired:
			return { reason: m.vouchers_reject_expired(), next: m.vouchers_next_ask_vendor(), retryable: false };
		case ErrorCode.voucherVoid:
			return { reason: m.vouchers_reject_void(), next: m.vouchers_next_ask_vendor(), retryable: false };
		case ErrorCode.tooManyAttempts:
			return { reason: m.vouchers_reject_too_many_attempts(), next: m.vouchers_next_wait(), retryable: true };
		case ErrorCode.agreementUnknown:
			return { reason: m.enterprise_reject_unknown(), next: m.enterprise_next_sync_and_pick(), retryable: false };
		case ErrorCode.agreementNotActive:
			return { reason: m.enterprise_reject_not_active(), next: m.enterprise_next_ask_vendor(), retryable: false };
		case ErrorCode.agreementSkuUnknown:
			return { reason: m.enterprise_reject_sku_unknown(), next: m.enterprise_next_sync_and_pick(), retryable: false };
		case ErrorCode.agreementCapExceeded:
			return { reason: m.enterprise_reject_cap_exceeded(), next: m.enterprise_next_fewer_seats(), retryable: false };
		case ErrorCode.agreementLicenseUnknown:
			return { reason: m.enterprise_reject_license_unknown(), next: m.enterprise_next_sync_and_pick(), retryable: false };
		case ErrorCode.agreementReleaseExceedsSeats:
			return { reason: m.enterprise_reject_release_exceeds(), next: m.enterprise_next_fewer_seats(), retryable: false };
		// Version upgrade
		case ErrorCode.notificationInvalid:
			return { reason: m.upgrade_reject_notification_invalid(), next: m.upgrade_next_check_code(), retryable: true };
		case ErrorCode.notificationUnknown:
			return { reason: m.upgrade_reject_notification_unknown(), next: m.upgrade_next_check_code(), retryable: true };
		case ErrorCode.notificationExpired:
			return { reason: m.upgrade_reject_notification_expired(), next: m.upgrade_next_contact_vendor(), retryable: false };
		case ErrorCode.upgradeQuantityExceeded:
			return { reason: m.upgrade_reject_quantity_exceeded(), next: m.upgrade_next_fewer_seats(), retryable: true };
		case ErrorCode.licenseUnknown:
			return { reason: m.reject_license_unknown(), next: m.next_license_gone(), retryable: false };
		case ErrorCode.licenseNotEligible:
			return { reason: m.upgrade_reject_license_not_eligible(), next: m.upgrade_next_choose_license(), retryable: true };
		// Hosts: acted on again from the license page, never by editing the queued operation.
		case ErrorCode.seatsExhausted:
			return { reason: m.hosts_reject_seats_exhausted(), next: m.hosts_next_free_seat(), retryable: false };
		case ErrorCode.hostAlreadyActive:
			return { reason: m.hosts_reject_host_already_active(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.hostIdInvalid:
			return { reason: m.hosts_reject_host_id_invalid(), next: m.hosts_next_check_host_id(), retryable: false };
		case ErrorCode.licenseNotActive:
			return { reason: m.hosts_reject_license_not_active(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.activationUnknown:
			return { reason: m.hosts_reject_activation_unknown(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.activationNotActive:
			return { reason: m.hosts_reject_activation_not_active(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.activationIdTaken:
			return { reason: m.hosts_reject_activation_id_taken(), next: m.hosts_next_open_license(), retryable: false };
		// Renewals
		case ErrorCode.renewalNotEligible:
			return { reason: m.renewals_reject_not_eligible(), next: m.renewals_next_open_contract(), retryable: false };
		case ErrorCode.contractUnknown:
			return { reason: m.renewals_reject_unknown(), next: m.renewals_next_sync(), retryable: false };
		case ErrorCode.renewalAlreadyPending:
			return { reason: m.renewals_reject_pending(), next: m.renewals_next_wait(), retryable: false };
		case ErrorCode.cotermWouldShorten:
			return { reason: m.renewals_reject_would_shorten(), next: m.renewals_next_pick_later(), retryable: false };
		case ErrorCode.unknownOperation:
			return { reason: m.reject_unknown_operation(), next: m.next_update_app(), retryable: false };
		case ErrorCode.licenseReadOnly:
		case ErrorCode.shareCodeInvalid:
		case ErrorCode.shareCodeUnknown:
		case ErrorCode.shareWithOwnAccount:
		case ErrorCode.shareUnknown:
		case ErrorCode.shareIdTaken:
		case ErrorCode.invalidFieldValue:
		case ErrorCode.fieldNameTaken:
		case ErrorCode.fieldIdTaken:
			return sharingRejectionText(code);
		default:
			return { reason: m.reject_other(), next: m.next_edit_and_retry(), retryable: true };
	}
}
