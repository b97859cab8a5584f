/** Rejections of sharing and custom-data operations, in words a person can act on (keyed by error code). */
import { ErrorCode } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';
import type { RejectionText } from './problems.ts';

export function sharingRejectionText(code: string): RejectionText {
	switch (code) {
		case ErrorCode.licenseReadOnly:
			return { reason: m.sharing_reject_read_only(), next: m.sharing_next_ask_owner(), retryable: false };
		case ErrorCode.shareCodeInvalid:
		case ErrorCode.shareCodeUnknown:
			return { reason: m.sharing_reject_code_unknown(), next: m.sharing_next_ask_code(), retryable: false };
		case ErrorCode.shareWithOwnAccount:
			return { reason: m.sharing_reject_own_account(), next: m.sharing_next_ask_code(), retryable: false };
		case ErrorCode.shareUnknown:
			return { reason: m.sharing_reject_share_unknown(), next: m.sharing_next_nothing(), retryable: false };
		case ErrorCode.invalidFieldValue:
			return { reason: m.sharing_fields_reject_invalid_value(), next: m.sharing_fields_next_edit_again(), retryable: false };
		case ErrorCode.fieldNameTaken:
			return { reason: m.sharing_fields_reject_name_taken(), next: m.sharing_fields_next_other_name(), retryable: false };
		default: // share_id_taken, field_id_taken: the device reused an id; doing it again makes a new one
			return { reason: m.reject_other(), next: m.sharing_next_do_again(), retryable: false };
	}
}

/** What a queued sharing or custom-data operation is called in "Needs attention". */
export function sharingOperationLabel(name: string): string | null {
	switch (name) {
		case 'license.share':
			return m.sharing_op_share();
		case 'license.unshare':
			return m.sharing_op_unshare();
		case 'license.setFields':
			return m.sharing_op_set_fields();
		case 'fields.define':
			return m.sharing_op_define_field();
		default:
			return null;
	}
}
