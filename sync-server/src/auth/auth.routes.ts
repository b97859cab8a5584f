import { ErrorCode, LoginRequest, type SessionInfo } from '@keyfield/shared';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { forgetAttempt } from '../db/login-failures.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { accountSummaries } from '../db/scope.repository.ts';
import type { Database } from '../db/schema.ts';
import { deleteSession, findUserByEmail, insertSession, twoStepEnrolmentRequired } from '../db/users.repository.ts';
import { AppError } from '../errors.ts';
import { clientIp, isHttps } from '../http/client-ip.ts';
import type { AppEnv, AuthUser } from '../http/env.ts';
import { jsonBody } from '../http/json-body.ts';
import { SESSION_COOKIE, presentedToken, requireUser } from './authenticate.ts';
import { verifyPassword } from './passwords.ts';
import { beginLoginAttempt } from './rate-limit.ts';
import { checkSecondStep, totpRequired } from './second-step.ts';
import { hashToken, newToken } from './tokens.ts';

const SESSION_DAYS = 30;

export type AuthDeps = { db: Kysely<Database>; trustProxy: boolean };

async function sessionInfo(db: Kysely<Database>, user: AuthUser, enrolmentRequired: boolean): Promise<SessionInfo> {
	return { user: { id: user.id, email: user.email, name: user.name, vendor: user.vendor }, accounts: await accountSummaries(db, user.id), twoStepEnrolmentRequired: enrolmentRequired };
}

export function authRoutes({ db, trustProxy }: AuthDeps) {
	const setSessionCookie = (c: Context, token: string | null) => {
		const options = { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c, trustProxy) } as const;
		if (token === null) deleteCookie(c, SESSION_COOKIE, options);
		else setCookie(c, SESSION_COOKIE, token, { ...options, maxAge: SESSION_DAYS * 86_400 });
	};

	return new Hono<AppEnv>()
		.post('/login', async (c) => {
			const { email, password, totp } = await jsonBody(c, LoginRequest);
			const ip = clientIp(c, trustProxy);
			const attempt = await beginLoginAttempt(db, email, ip);
			const user = await findUserByEmail(db, email);
			if (!(await verifyPassword(user?.password_hash ?? null, password)) || !user) {
				throw new AppError(401, ErrorCode.invalidCredentials, 'The email or password is wrong.');
			}
			if ((await checkSecondStep(db, user.id, totp)) === 'missing') {
				await forgetAttempt(db, attempt); // the right password, and the code still to come: not a failure
				throw totpRequired();
			}
			await forgetAttempt(db, attempt);
			const token = newToken();
			const device = { userAgent: c.req.header('user-agent') ?? null, ip };
			await insertSession(db, hashToken(token), user.id, new Date(Date.now() + SESSION_DAYS * 86_400_000), device);
			await recordActivity(db, { userId: user.id, action: 'auth.login', ip });
			setSessionCookie(c, token);
			// Not in the body: the cookie is HttpOnly so page scripts never hold it. Scripts read Set-Cookie for Bearer use.
			return c.json(await sessionInfo(db, user, await twoStepEnrolmentRequired(db, user.id)));
		})
		// Works signed out too: logging out must always leave the browser without a session cookie.
		.post('/logout', async (c) => {
			const token = presentedToken(c);
			if (token) await deleteSession(db, hashToken(token));
			setSessionCookie(c, null);
			return c.json({ ok: true });
		})
		.get('/me', requireUser(db, () => true), async (c) => c.json(await sessionInfo(db, c.get('user'), c.get('enrolmentRequired'))));
}
