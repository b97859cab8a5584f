/**
 * Reasons a person can act on, in their language: a serial's check problem (shared `CodeProblem`, keyed by
 * `reason`) and an operation's rejection (keyed by the shared error `code`, never by the server's message text).
 */
import type { CodeProblem, HostIdProblem } from '@keyfield/shared';
import { ErrorCode } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';

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

export function rejectionText(code: string): RejectionText {
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
		// Hosts: acted on again from the license page, never by editing the queued operation.
		case ErrorCode.seatsExhausted:
			return { reason: m.hosts_reject_seats_exhausted(), next: m.hosts_next_free_seat(), retryable: false };
		case ErrorCode.hostAlreadyActive:
			return { reason: m.hosts_reject_host_already_active(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.hostIdInvalid:
			return { reason: m.hosts_reject_host_id_invalid(), next: m.hosts_next_check_host_id(), retryable: false };
		case ErrorCode.licenseUnknown:
			return { reason: m.hosts_reject_license_unknown(), next: m.next_switch_workspace(), retryable: false };
		case ErrorCode.licenseNotActive:
			return { reason: m.hosts_reject_license_not_active(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.activationUnknown:
			return { reason: m.hosts_reject_activation_unknown(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.activationNotActive:
			return { reason: m.hosts_reject_activation_not_active(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.activationIdTaken:
			return { reason: m.hosts_reject_activation_id_taken(), next: m.hosts_next_open_license(), retryable: false };
		case ErrorCode.unknownOperation:
			return { reason: m.reject_unknown_operation(), next: m.next_update_app(), retryable: false };
		default:
			return { reason: m.reject_other(), next: m.next_edit_and_retry(), retryable: true };
	}
}
