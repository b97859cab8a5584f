/**
 * The single place errors become responses. Anything a client can send maps to a 4xx before it gets here;
 * what is left is either the database being unreachable (503, retry later) or a bug (500, logged, no detail).
 */
import { ErrorCode, type ErrorBody } from '@keyfield/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.ts';

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
	return { error: { code, message, details } };
}

// Connection exceptions (class 08), shutdown/crash (57P0x), too many connections, and the drivers' own words.
const UNAVAILABLE_SQLSTATE = /^(08|57P0|53300)/;
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH']);
const UNAVAILABLE_TEXT = /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed|driver has already been destroyed/i;

function isDatabaseUnavailable(err: unknown): boolean {
	if (!(err instanceof Error)) return false;
	const code = (err as { code?: unknown }).code;
	if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE.has(code))) return true;
	if (err instanceof AggregateError && err.errors.some(isDatabaseUnavailable)) return true;
	return UNAVAILABLE_TEXT.test(err.message);
}

export function onError(err: Error, c: Context): Response {
	if (err instanceof AppError) {
		for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
		return c.json(errorBody(err.code, err.message, err.details), err.status);
	}
	if (err instanceof HTTPException) {
		const status = err.status;
		const code = status === 413 ? ErrorCode.payloadTooLarge : status === 401 ? ErrorCode.unauthorized : ErrorCode.badRequest;
		return c.json(errorBody(code, err.message || 'The request could not be processed.'), status as 400);
	}
	if (isDatabaseUnavailable(err)) {
		c.header('Retry-After', '5');
		return c.json(errorBody(ErrorCode.unavailable, 'The database is unavailable; try again shortly.'), 503);
	}
	console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
	return c.json(errorBody(ErrorCode.internal, 'Something went wrong on the server.'), 500);
}
