/**
 * Resolves the caller from `Authorization: Bearer <token>` (a session token, or an API token `kf_live_…` where
 * token-scopes.ts allows one) or the `kf_session` cookie: one path for the app, scripts and integrations.
 */
import type { Kysely } from 'kysely';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findSessionUser } from '../db/users.repository.ts';
import type { Database } from '../db/schema.ts';
import { ErrorCode } from '@keyfield/shared';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { authenticateApiToken, isApiToken } from './api-tokens.ts';
import { hashToken } from './tokens.ts';

export const SESSION_COOKIE = 'kf_session';

function bearerToken(c: Context): string | undefined {
	return c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

export function presentedToken(c: Context): string | undefined {
	return bearerToken(c) ?? getCookie(c, SESSION_COOKIE);
}

/**
 * `allowDuringEnrolment`: the routes a user held by the account policy ("require 2-step verification") may still
 * reach: who they are and the enrolment itself. Everything else answers 403 two_step_enrolment_required until they
 * enrol, so the policy holds whatever client calls (not only the app's redirect).
 */
export function requireUser(db: Kysely<Database>, allowDuringEnrolment: (c: Context<AppEnv>) => boolean = () => false): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const bearer = bearerToken(c);
		if (bearer && isApiToken(bearer)) {
			await authenticateApiToken(db, c, bearer);
			return next();
		}
		const token = bearer ?? getCookie(c, SESSION_COOKIE);
		if (!token || token.length > 200) throw unauthorized();
		const tokenHash = hashToken(token);
		const found = await findSessionUser(db, tokenHash);
		if (!found) throw unauthorized();
		const { enrolmentRequired, ...user } = found;
		if (enrolmentRequired && !allowDuringEnrolment(c)) {
			throw new AppError(403, ErrorCode.twoStepEnrolmentRequired, 'Your account requires 2-step verification: set it up under Account → Security to continue.');
		}
		c.set('user', user);
		c.set('sessionTokenHash', tokenHash);
		c.set('enrolmentRequired', enrolmentRequired);
		await next();
	};
}

export const requireVendor: MiddlewareHandler<AppEnv> = async (c, next) => {
	if (!c.get('user').vendor) throw forbidden('Only vendor operators can use the vendor API.');
	await next();
};
