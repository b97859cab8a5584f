/**
 * The one way this layer talks to /api: same-origin JSON, every response parsed with a shared schema, and every
 * failure turned into data shaped like the server's `{error:{code,message,details}}` (network errors included).
 */
import { ErrorBody, ErrorCode } from '@keyfield/shared';
import type { z } from 'zod';

/** `fetch` narrowed to what we use, so tests can inject one (e.g. prefixing a local test server's origin). */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export const defaultFetch: Fetch = (input, init) => fetch(input, init);

/** Status 0 = no HTTP answer at all (offline, DNS, reset, timeout). */
export const NO_RESPONSE = 0;

export interface ApiFailure {
	ok: false;
	status: number;
	code: string;
	message: string;
	details: Record<string, unknown>;
	retryAfterSeconds?: number;
}
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

const TIMEOUT_MS = 30_000;

function failure(status: number, code: string, message: string, details: Record<string, unknown> = {}): ApiFailure {
	return { ok: false, status, code, message, details };
}

export async function callApi<S extends z.ZodType>(
	fetchFn: Fetch,
	path: string,
	schema: S,
	body?: unknown,
	method: 'GET' | 'POST' | 'DELETE' = body === undefined ? 'GET' : 'POST'
): Promise<ApiResult<z.output<S>>> {
	let res: Response;
	try {
		res = await fetchFn(path, {
			method,
			credentials: 'same-origin',
			headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(TIMEOUT_MS)
		});
	} catch {
		return failure(NO_RESPONSE, ErrorCode.unavailable, 'Cannot reach the server.');
	}
	const json: unknown = await res.json().catch(() => undefined);
	if (res.ok) {
		const parsed = schema.safeParse(json);
		if (parsed.success) return { ok: true, data: parsed.data };
		return failure(res.status, ErrorCode.internal, 'The server sent a response this app does not understand.');
	}
	const error = ErrorBody.safeParse(json);
	const result = error.success
		? failure(res.status, error.data.error.code, error.data.error.message, error.data.error.details)
		: // Not our server's shape (a proxy's 502 page, say): classify by status so retries still happen.
			failure(res.status, res.status >= 500 ? ErrorCode.unavailable : ErrorCode.badRequest, `HTTP ${res.status}`);
	const retryAfter = Number(res.headers.get('retry-after'));
	if (Number.isFinite(retryAfter) && retryAfter > 0) result.retryAfterSeconds = retryAfter;
	return result;
}
