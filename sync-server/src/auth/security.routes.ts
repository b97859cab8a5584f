/**
 * `/api/security/*`: the signed-in user's 2-step verification (enrol with a QR code, confirm with a code, see the
 * recovery codes once, switch off with a code), their sessions (list, sign out one or every other device), and the
 * journal of an account they administer (filtered, as CSV too) and its chain check (vendors: any account).
 * Every change is journaled.
 */
import { ErrorCode, JournalQuery, TotpCode, Uuid, type JournalCheck, type JournalPage, type SessionList, type TotpStatus } from '@keyfield/shared';
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { NIL_CHAIN, recordActivity, verifyChain } from '../db/activity.repository.ts';
import { journalCsv, listJournal } from '../db/activity-journal.repository.ts';
import { findMembership } from '../db/accounts.repository.ts';
import type { Database } from '../db/schema.ts';
import * as repo from '../db/security.repository.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import { requireUser } from './authenticate.ts';
import { twoStepRequiredBy } from '../db/users.repository.ts';
import { beginLoginAttempt } from './rate-limit.ts';
import { forgetAttempt } from '../db/login-failures.repository.ts';
import { RECOVERY_CODE_COUNT, hashRecoveryCode, newRecoveryCode } from './second-step.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

/** What a user held to enrolment by the account policy may call here (method and path under /security). */
const ENROLMENT_ROUTES = new Set(['GET /totp', 'POST /totp/enrol', 'POST /totp/confirm']);

const wrongCode = () => new AppError(400, ErrorCode.totpInvalid, 'This code is not valid. Type the 6-digit code your authenticator app shows now.');

export function securityRoutes(db: Kysely<Database>, trustProxy: boolean) {
	const journal = (c: Context<AppEnv>, action: string, details: Record<string, unknown> = {}) =>
		recordActivity(db, { userId: c.get('user').id, action, details, ip: clientIp(c, trustProxy) });

	/** A code typed on this screen, counted with sign-in failures (per email and IP) so it cannot be guessed. */
	async function checkCode(c: Context<AppEnv>, secret: string, lastStep: number, enable: boolean): Promise<void> {
		const user = c.get('user');
		const attempt = await beginLoginAttempt(db, user.email, clientIp(c, trustProxy));
		const { code } = await jsonBody(c, TotpCode);
		const step = matchTotp(secret, code, lastStep);
		if (step === null || !(await repo.useStep(db, user.id, step, enable))) throw wrongCode();
		await forgetAttempt(db, attempt);
	}

	/** The journal is for the account's admins (direct members, not partners acting for it) and vendor operators. */
	async function requireJournalReader(c: Context<AppEnv>, accountId: string): Promise<void> {
		const user = c.get('user');
		if (!user.vendor && (await findMembership(db, accountId, user.id))?.role !== 'admin') throw forbidden('Only an admin of this account can read and check its journal.');
	}

	return new Hono<AppEnv>()
		// Enrolment stays open to a user the account policy holds to it (and only enrolment).
		.use(requireUser(db, (c) => ENROLMENT_ROUTES.has(`${c.req.method} ${c.req.path.replace(/^.*\/security/, '')}`)))
		.get('/totp', async (c) => {
			const userId = c.get('user').id;
			const state = await repo.totpState(db, userId);
			const status: TotpStatus = { enabled: Boolean(state?.enabled), enrolling: Boolean(state && !state.enabled), recoveryCodesLeft: await repo.recoveryCodesLeft(db, userId) };
			return c.json(status);
		})
		.post('/totp/enrol', async (c) => {
			const user = c.get('user');
			const secret = newTotpSecret();
			if (!(await repo.beginEnrolment(db, user.id, secret))) throw new AppError(409, ErrorCode.conflict, '2-step verification is already on. Switch it off first to enrol another app.');
			return c.json({ secret, uri: otpauthUri(secret, user.email) });
		})
		.post('/totp/confirm', async (c) => {
			const userId = c.get('user').id;
			const state = await repo.totpState(db, userId);
			if (!state || state.enabled) throw new AppError(409, ErrorCode.totpNotEnrolling, 'Start the enrolment first: scan the QR code, then type the code the app shows.');
			await checkCode(c, state.secret, state.lastStep, true);
			const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
			await repo.replaceRecoveryCodes(db, userId, recoveryCodes.map(hashRecoveryCode));
			await journal(c, 'security.totp.enable');
			return c.json({ recoveryCodes });
		})
		.post('/totp/disable', async (c) => {
			const userId = c.get('user').id;
			const state = await repo.totpState(db, userId);
			if (!state?.enabled) throw new AppError(409, ErrorCode.conflict, '2-step verification is not on.');
			const requiredBy = await twoStepRequiredBy(db, userId);
			if (requiredBy.length > 0) throw new AppError(409, ErrorCode.conflict, `${requiredBy.join(', ')} requires 2-step verification of its members: it cannot be switched off.`);
			await checkCode(c, state.secret, state.lastStep, false);
			await repo.removeTotp(db, userId);
			await journal(c, 'security.totp.disable');
			return c.json({ ok: true });
		})
		.get('/sessions', async (c) => {
			const current = c.get('sessionTokenHash');
			const rows = await repo.listSessions(db, c.get('user').id);
			const list: SessionList = {
				sessions: rows.map((r) => ({ id: r.id, createdAt: r.created_at.toISOString(), userAgent: r.user_agent, ip: r.ip, current: r.token_hash === current }))
			};
			return c.json(list);
		})
		.delete('/sessions/:id', async (c) => {
			const id = parseWith(Uuid, c.req.param('id'));
			if ((await repo.revokeSessions(db, c.get('user').id, { id })) === 0) throw notFound('This session has already ended.');
			await journal(c, 'security.session.revoke', { sessionId: id });
			return c.json({ ended: 1 });
		})
		.post('/sessions/revoke-others', async (c) => {
			const ended = await repo.revokeSessions(db, c.get('user').id, { allBut: c.get('sessionTokenHash') });
			await journal(c, 'security.session.revokeOthers', { ended });
			return c.json({ ended });
		})
		.get('/journal/verify', async (c) => {
			const user = c.get('user');
			const accountId = c.req.query('accountId');
			if (accountId === undefined && !user.vendor) throw forbidden('Only vendor operators can check the journal of sign-ins and catalog changes.');
			const chain = accountId === undefined ? NIL_CHAIN : parseWith(Uuid, accountId);
			await requireJournalReader(c, chain);
			const check: JournalCheck = await verifyChain(db, chain);
			return c.json(check);
		})
		.get('/journal', async (c) => {
			const query = parseWith(JournalQuery, c.req.query());
			await requireJournalReader(c, query.accountId);
			const entries = await listJournal(db, query);
			if (query.format === 'json') return c.json({ entries } satisfies JournalPage);
			c.header('content-disposition', `attachment; filename="journal-${query.accountId}.csv"`);
			return c.body(journalCsv(entries), 200, { 'content-type': 'text/csv; charset=utf-8' });
		});
}
