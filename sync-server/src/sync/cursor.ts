/** The opaque pull cursor: a version tag and the id of a server-side cursor row (under 50 bytes for any scope). */
import { ErrorCode } from '@keyfield/shared';
import { AppError } from '../errors.ts';

const PATTERN = /^v1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor(cursorId: string): string {
	return `v1.${cursorId}`;
}

export function decodeCursor(cursor: string): string {
	const id = PATTERN.exec(cursor)?.[1];
	if (!id) throw new AppError(400, ErrorCode.badRequest, 'The sync cursor is not recognised: pull again with cursor null.', { field: 'cursor' });
	return id;
}
