import { ErrorCode, SUPPORTED_PROTOCOL_VERSIONS, SUPPORTED_SCHEMA_VERSIONS } from '@keyfield/shared';
import { AppError } from '../errors.ts';

/** An old (or newer) app gets 409 client_outdated and keeps its outbox until it updates. */
export function assertSupportedVersions(request: { protocolVersion: number; schemaVersion: number }): void {
	if (!SUPPORTED_PROTOCOL_VERSIONS.includes(request.protocolVersion) || !SUPPORTED_SCHEMA_VERSIONS.includes(request.schemaVersion)) {
		throw new AppError(409, ErrorCode.clientOutdated, 'This version of the app is no longer supported: update it to keep syncing.', {
			supportedProtocolVersions: SUPPORTED_PROTOCOL_VERSIONS,
			supportedSchemaVersions: SUPPORTED_SCHEMA_VERSIONS
		});
	}
}

export function clientOwnedByOtherUser(): AppError {
	return new AppError(403, ErrorCode.clientOwnedByOtherUser, 'This device is registered to another user: sign in as that user, or reset the app data.');
}
