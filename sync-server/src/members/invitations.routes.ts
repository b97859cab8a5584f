/** `/api/invitations/:token` (signed out too): what an invitation link offers, and accepting it. */
import { AcceptInvitationRequest } from '@keyfield/shared';
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { presentedToken } from '../auth/authenticate.ts';
import { sessionInfo } from '../auth/auth.routes.ts';
import { startSession } from '../auth/session-cookie.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import { findSessionUser } from '../db/users.repository.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv, AuthUser } from '../http/env.ts';
import { jsonBody } from '../http/json-body.ts';
import { acceptInvitation, openInvitation } from './invitations.service.ts';

export function invitationRoutes({ db, trustProxy }: { db: Kysely<Database>; trustProxy: boolean }) {
	const signedIn = async (c: Context): Promise<AuthUser | null> => {
		const token = presentedToken(c);
		return token && token.length <= 200 ? ((await findSessionUser(db, hashToken(token))) ?? null) : null;
	};
	return new Hono<AppEnv>()
		.get('/:token', async (c) => c.json(await openInvitation(db, c.req.param('token'), clientIp(c, trustProxy))))
		.post('/:token/accept', async (c) => {
			const body = await jsonBody(c, AcceptInvitationRequest);
			const current = await signedIn(c);
			const accepted = await acceptInvitation(db, { token: c.req.param('token'), body, signedIn: current, ip: clientIp(c, trustProxy) });
			if (accepted.startSession) await startSession(c, db, accepted.userId, trustProxy);
			const user = current ?? (await db.selectFrom('users').select(['id', 'email', 'name', 'vendor']).where('id', '=', accepted.userId).executeTakeFirstOrThrow());
			return c.json({ ...(await sessionInfo(db, user)), accountId: accepted.accountId });
		});
}
