import { ErrorCode, LoginRequest, type SessionInfo } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { forgetAttempt } from '../db/login-failures.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { accountSummaries } from '../db/scope.repository.ts';
import type { Database } from '../db/schema.ts';
import { deleteSession, findUserByEmail, twoStepEnrolmentRequired } from '../db/users.repository.ts';
import { AppError } from '../errors.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv, AuthUser } from '../http/env.ts';
import { jsonBody } from '../http/json-body.ts';
import { presentedToken, requireUser } from './authenticate.ts';
import { verifyPassword } from './passwords.ts';
import { beginLoginAttempt } from './rate-limit.ts';
import { checkSecondStep, totpRequired } from './second-step.ts';
import { hashToken } from './tokens.ts';
import { setSessionCookie, startSession } from './session-cookie.ts';

export type AuthDeps = { db: Kysely<Database>; trustProxy: boolean };

/** `enrolmentRequired`: an account policy holds this session to 2-step enrolment (looked up when not known). */
export async function sessionInfo(db: Kysely<Database>, user: AuthUser, enrolmentRequired?: boolean): Promise<SessionInfo> {
	enrolmentRequired ??= await twoStepEnrolmentRequired(db, user.id);
	return { user: { id: user.id, email: user.email, name: user.name, vendor: user.vendor }, accounts: await accountSummaries(db, user.id), twoStepEnrolmentRequired: enrolmentRequired };
}

export function authRoutes({ db, trustProxy }: AuthDeps) {
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
			await startSession(c, db, user.id, trustProxy);
			await recordActivity(db, { userId: user.id, action: 'auth.login', ip });
			// Not in the body: the cookie is HttpOnly so page scripts never hold it. Scripts read Set-Cookie for Bearer use.
			return c.json(await sessionInfo(db, user));
		})
		// Works signed out too: logging out must always leave the browser without a session cookie.
		.post('/logout', async (c) => {
			const token = presentedToken(c);
			if (token) await deleteSession(db, hashToken(token));
			setSessionCookie(c, null, trustProxy);
			return c.json({ ok: true });
		})
		.get('/me', requireUser(db, () => true), async (c) => c.json(await sessionInfo(db, c.get('user'), c.get('enrolmentRequired'))));
}
