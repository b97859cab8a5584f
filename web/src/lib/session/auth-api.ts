/** The auth endpoints (same origin, session cookie), parsed with the shared schemas. */
import { SessionInfo, type LoginRequest } from '@keyfield/shared';
import { z } from 'zod';
import { callApi, type ApiResult, type Fetch } from '../sync/api.ts';

const Ok = z.object({ ok: z.literal(true) });

export function loginRequest(fetch: Fetch, body: LoginRequest): Promise<ApiResult<SessionInfo>> {
	return callApi(fetch, '/api/auth/login', SessionInfo, body);
}

export function meRequest(fetch: Fetch): Promise<ApiResult<SessionInfo>> {
	return callApi(fetch, '/api/auth/me', SessionInfo);
}

export function logoutRequest(fetch: Fetch): Promise<ApiResult<{ ok: true }>> {
	return callApi(fetch, '/api/auth/logout', Ok, {});
}
