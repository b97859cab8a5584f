/** Starting a session: a new random token (only its hash is stored) in the HttpOnly kf_session cookie. Used by
 * sign-in and by accepting an invitation, which signs the new person in. */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertSession } from '../db/users.repository.ts';
import { clientIp, isHttps } from '../http/client-ip.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_DAYS = 30;

export function setSessionCookie(c: Context, token: string | null, trustProxy: boolean): void {
	const options = { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c, trustProxy) } as const;
	if (token === null) deleteCookie(c, SESSION_COOKIE, options);
	else setCookie(c, SESSION_COOKIE, token, { ...options, maxAge: SESSION_DAYS * 86_400 });
}

/** A fresh session for the user (never one the browser brought: no fixation), set as the cookie. */
export async function startSession(c: Context, db: Kysely<Database>, userId: string, trustProxy: boolean): Promise<void> {
	const token = newToken();
	const device = { userAgent: c.req.header('user-agent') ?? null, ip: clientIp(c, trustProxy) };
	await insertSession(db, hashToken(token), userId, new Date(Date.now() + SESSION_DAYS * 86_400_000), device);
	setSessionCookie(c, token, trustProxy);
}
