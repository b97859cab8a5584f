/** One error class for every failed request; `http/on-error.ts` renders it as `{error:{code,message,details}}`. */
import { ErrorCode } from '@keyfield/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class AppError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: ErrorCode,
		message: string,
		readonly details: Record<string, unknown> = {},
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export const unauthorized = () => new AppError(401, ErrorCode.unauthorized, 'Sign in to continue.');
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(403, ErrorCode.forbidden, message);
export const notFound = (message = 'Not found.') => new AppError(404, ErrorCode.notFound, message);
