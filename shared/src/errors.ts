/** Error codes are data (DESIGN §4): clients branch on `code`, never on message text. */
import { z } from 'zod';

export const ErrorCode = {
	// request-level (HTTP status)
	badRequest: 'bad_request',
	invalidJson: 'invalid_json',
	validationFailed: 'validation_failed',
	payloadTooLarge: 'payload_too_large',
	unauthorized: 'unauthorized',
	invalidCredentials: 'invalid_credentials',
	forbidden: 'forbidden',
	notFound: 'not_found',
	conflict: 'conflict',
	rateLimited: 'rate_limited',
	mutationGap: 'mutation_gap',
	clientOutdated: 'client_outdated',
	clientOwnedByOtherUser: 'client_owned_by_other_user',
	unavailable: 'unavailable',
	internal: 'internal',
	// business rejections stored as a mutation's result
	unknownOperation: 'unknown_operation',
	invalidArgs: 'invalid_args',
	notAllowed: 'not_allowed',
	accountNotInScope: 'account_not_in_scope',
	serialInvalid: 'serial_invalid',
	serialUnknown: 'serial_unknown',
	serialAlreadyRegistered: 'serial_already_registered',
	licenseIdTaken: 'license_id_taken',
	// voucher.redeem
	voucherInvalid: 'voucher_invalid',
	voucherUnknown: 'voucher_unknown',
	voucherAlreadyRedeemed: 'voucher_already_redeemed',
	voucherExpired: 'voucher_expired',
	voucherVoid: 'voucher_void',
	tooManyAttempts: 'too_many_attempts',
	agreementUnknown: 'agreement_unknown',
	agreementNotActive: 'agreement_not_active',
	agreementSkuUnknown: 'agreement_sku_unknown',
	agreementCapExceeded: 'agreement_cap_exceeded',
	agreementLicenseUnknown: 'agreement_license_unknown',
	agreementReleaseExceedsSeats: 'agreement_release_exceeds_seats',
	// a license the user cannot see, or that does not exist (never saying which)
	licenseUnknown: 'license_unknown',
	// sharing and custom data
	licenseReadOnly: 'license_read_only',
	shareCodeInvalid: 'share_code_invalid',
	shareCodeUnknown: 'share_code_unknown',
	shareWithOwnAccount: 'share_with_own_account',
	shareUnknown: 'share_unknown',
	shareIdTaken: 'share_id_taken',
	invalidFieldValue: 'invalid_field_value',
	fieldNameTaken: 'field_name_taken',
	fieldIdTaken: 'field_id_taken',
	// version upgrade
	notificationInvalid: 'notification_invalid',
	notificationUnknown: 'notification_unknown',
	notificationExpired: 'notification_expired',
	upgradeQuantityExceeded: 'upgrade_quantity_exceeded',
	licenseNotEligible: 'license_not_eligible',
	// hosts
	hostIdInvalid: 'host_id_invalid',
	licenseNotActive: 'license_not_active',
	activationUnknown: 'activation_unknown',
	activationNotActive: 'activation_not_active',
	activationIdTaken: 'activation_id_taken',
	hostAlreadyActive: 'host_already_active',
	seatsExhausted: 'seats_exhausted',
	// downloads
	notEntitled: 'not_entitled',
	downloadLinkInvalid: 'download_link_invalid',
	downloadLinkExpired: 'download_link_expired',
	rangeNotSatisfiable: 'range_not_satisfiable',
	checksumMismatch: 'checksum_mismatch',
	// renewals (a contract the user cannot see, or that does not exist: never saying which)
	contractUnknown: 'contract_unknown',
	renewalNotEligible: 'renewal_not_eligible',
	renewalAlreadyPending: 'renewal_already_pending', // a renewal or co-term of the contract waits for confirmation
	cotermWouldShorten: 'coterm_would_shorten',
	// proof-of-purchase uploads
	fileTypeNotAllowed: 'file_type_not_allowed',
	fileTooLarge: 'file_too_large',
	// seat packages and seats
	packageUnknown: 'package_unknown', // not in the catalog, or no longer sold
	orderPriceChanged: 'order_price_changed', // a package's price changed since the cart was reviewed
	orderIdTaken: 'order_id_taken',
	memberUnknown: 'member_unknown', // the user is not a member of the account
	seatsUnavailable: 'seats_unavailable', // every owned seat of the product is assigned (or none are owned)
	seatAlreadyAssigned: 'seat_already_assigned', // the member already holds a seat of the product
	assignmentUnknown: 'assignment_unknown',
	assignmentIdTaken: 'assignment_id_taken',
	// 2-step verification (sign-in and enrolment)
	totpRequired: 'totp_required',
	totpInvalid: 'totp_invalid',
	totpNotEnrolling: 'totp_not_enrolling',
	// users and approved email domains
	domainNotApproved: 'domain_not_approved',
	alreadyMember: 'already_member',
	invitationPending: 'invitation_pending',
	invitationIdTaken: 'invitation_id_taken',
	invitationUnknown: 'invitation_unknown', // a revoke of an invitation that is not (any more) pending in the account
	invitationInvalid: 'invitation_invalid', // a link whose token names no invitation
	invitationExpired: 'invitation_expired',
	invitationUsed: 'invitation_used',
	invitationOtherUser: 'invitation_other_user', // signed in as someone else than the invited email
	passwordWeak: 'password_weak',
	passwordCommon: 'password_common',
	domainTaken: 'domain_taken', // the domain id was used for another domain
	lastAdmin: 'last_admin',
	seatsHeld: 'seats_held',
	// the account's policy requires 2-step verification: the session may only enrol until it is set up
	twoStepEnrolmentRequired: 'two_step_enrolment_required',
	// partner delegation
	delegationReadOnly: 'delegation_read_only', // the partner may only view this account
	delegationRevoked: 'delegation_revoked', // the customer ended the partner's delegation
	partnerCodeUnknown: 'partner_code_unknown', // no partner account has this code
	delegationToSelf: 'delegation_to_self',
	delegationUnknown: 'delegation_unknown',
	// vendor bulk uploads: a file that is not a readable CSV (400), or rows that are not valid (422, nothing written)
	csvInvalid: 'csv_invalid',
	csvRowsInvalid: 'csv_rows_invalid'
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorBody = z.object({
	error: z.object({
		code: z.string(),
		message: z.string(),
		details: z.record(z.string(), z.unknown())
	})
});
export type ErrorBody = z.infer<typeof ErrorBody>;
