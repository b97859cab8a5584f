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
	// hosts
	hostIdInvalid: 'host_id_invalid',
	licenseUnknown: 'license_unknown',
	licenseNotActive: 'license_not_active',
	activationUnknown: 'activation_unknown',
	activationNotActive: 'activation_not_active',
	activationIdTaken: 'activation_id_taken',
	hostAlreadyActive: 'host_already_active',
	seatsExhausted: 'seats_exhausted'
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
