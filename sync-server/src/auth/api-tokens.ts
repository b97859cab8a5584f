/**
 * Bearer API tokens: made here, checked on every request that presents one. Failed attempts are limited per IP
 * (counted in Postgres, so every process sees them) before the token is looked up. The token itself is never
 * logged or journaled: only its id and prefix are.
 */
import { API_TOKEN_PREFIX, ErrorCode } from '@keyfield/shared';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { authenticateTokenHash, recentTokenFailures, recordTokenFailure } from '../db/api-tokens.repository.ts';
import type { Database } from '../db/schema.ts';
import { AppError, forbidden } from '../errors.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { retryAfterSeconds } from './rate-limit.ts';
import { tokenRequirement } from './token-scopes.ts';
import { hashToken } from './tokens.ts';

export const MAX_TOKEN_FAILURES = 10;
const WINDOW_SECONDS = 60;

/** A new token: the recognisable prefix (secret scanners and people can tell what leaked) and 256 random bits. */
export function newApiToken(): { token: string; tokenHash: string; prefix: string } {
	const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
	return { token, tokenHash: hashToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 4) };
}

export function isApiToken(presented: string): boolean {
	return presented.startsWith(API_TOKEN_PREFIX);
}

/** Resolves a bearer API token into the caller (the user it acts as, and the token), or throws 401/403/429. */
export async function authenticateApiToken(db: Kysely<Database>, c: Context<AppEnv>, token: string): Promise<void> {
	const ip = clientIp(c, c.get('trustProxy') ?? false);
	const failures = await recentTokenFailures(db, ip, WINDOW_SECONDS);
	if (failures.count >= MAX_TOKEN_FAILURES && failures.oldestAt) {
		const retryAfter = retryAfterSeconds(failures.oldestAt, new Date());
		throw new AppError(429, ErrorCode.rateLimited, `Too many invalid API tokens from this address. Try again in ${retryAfter} seconds.`, { retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) });
	}
	const caller = token.length <= 200 ? await authenticateTokenHash(db, hashToken(token)) : undefined;
	if (!caller) {
		await recordTokenFailure(db, ip);
		throw new AppError(401, ErrorCode.unauthorized, 'This API token is not valid: it may have been revoked or have expired.');
	}
	const need = tokenRequirement(c.req.method, c.req.path);
	if (!need || need.kind !== caller.kind) {
		throw forbidden(caller.kind === 'vendor' ? 'Vendor API tokens work on the vendor API (/api/admin) only.' : 'Account API tokens work on /api/v1 only.');
	}
	if (!need.scopes.some((s) => caller.scopes.includes(s))) {
		throw new AppError(403, ErrorCode.forbidden, `This API token lacks the scope this request needs (${need.scopes.join(' or ')}).`, { requiredScopes: need.scopes });
	}
	c.set('user', { id: caller.id, email: caller.email, name: caller.name, vendor: caller.vendor });
	c.set('apiToken', { id: caller.token_id, kind: caller.kind, accountId: caller.account_id, scopes: caller.scopes });
	c.set('sessionTokenHash', '');
}
