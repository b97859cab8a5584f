/**
 * Opening and accepting an invitation link. The token names one invitation (by its hash); the link works once and
 * until it expires. A new person sets a name and a password (the shared strength rule and the common-password
 * list) and is signed in; a person who has an account already accepts signed in as the invited email, into an
 * additional membership. Membership, the closed invitation and the journal row commit together.
 */
import { ErrorCode, passwordProblem, type AcceptInvitationRequest, type InvitationInfo } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { bumpAccountVersion, findMembership, insertMembership } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { closeInvitation, lockInvitationByToken } from '../db/members.repository.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/transaction.ts';
import { findUserByEmail, insertUser } from '../db/users.repository.ts';
import { AppError } from '../errors.ts';
import type { AuthUser } from '../http/env.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hashToken } from '../auth/tokens.ts';
import { isCommonPassword } from '../auth/common-passwords.ts';
import { beginInvitationAttempt, forgetInvitationAttempt } from './invitation-limit.ts';

type Db = Kysely<Database>;
type Invitation = NonNullable<Awaited<ReturnType<typeof lockInvitationByToken>>>;

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const invalid = () => new AppError(404, ErrorCode.invitationInvalid, 'This invitation link does not work. Check that it was copied whole, or ask for a new invitation.');

/** The invitation a link names, counted against the guessing limit unless it names one. */
async function findByLink(db: Db, token: string, ip: string): Promise<Invitation> {
	const attempt = await beginInvitationAttempt(db, ip);
	const invitation = TOKEN.test(token) ? await lockInvitationByToken(db, hashToken(token)) : undefined;
	if (!invitation) throw invalid();
	await forgetInvitationAttempt(db, attempt);
	return invitation;
}

function assertOpen(invitation: Invitation): void {
	if (invitation.status === 'accepted') throw new AppError(409, ErrorCode.invitationUsed, 'This invitation was accepted already: sign in instead.');
	if (invitation.status === 'revoked') throw new AppError(410, ErrorCode.invitationExpired, 'This invitation was withdrawn. Ask the admin who invited you for a new one.');
	if (new Date(invitation.expires_at).getTime() <= Date.now()) {
		throw new AppError(410, ErrorCode.invitationExpired, 'This invitation has expired. Ask the admin who invited you for a new one.');
	}
}

export async function openInvitation(db: Db, token: string, ip: string): Promise<InvitationInfo> {
	const invitation = await findByLink(db, token, ip);
	assertOpen(invitation);
	return {
		accountName: invitation.account_name,
		email: invitation.email,
		role: invitation.role,
		expiresAt: new Date(invitation.expires_at).toISOString(),
		existingUser: (await findUserByEmail(db, invitation.email)) !== undefined
	};
}

/** Accepts; returns the user now in the account and whether a session must be started for them (a new person). */
export async function acceptInvitation(db: Db, input: { token: string; body: AcceptInvitationRequest; signedIn: AuthUser | null; ip: string }) {
	const found = await findByLink(db, input.token, input.ip);
	assertOpen(found);
	const existing = await findUserByEmail(db, found.email);
	if (existing && input.signedIn?.id !== existing.id) {
		throw new AppError(403, ErrorCode.invitationOtherUser, `This invitation is for ${found.email}, who has an account already: sign in as ${found.email} and open the link again.`, { email: found.email });
	}
	let newUser: { id: string; name: string; passwordHash: string } | null = null;
	if (!existing) {
		const { name, password } = input.body;
		if (!name || password === undefined) throw new AppError(400, ErrorCode.validationFailed, 'Give your name and a password.');
		const problem = passwordProblem(password, found.email);
		if (problem) throw new AppError(400, ErrorCode.passwordWeak, 'Choose a longer password: at least 12 characters, or four words or more.', { problem });
		if (isCommonPassword(password)) throw new AppError(400, ErrorCode.passwordCommon, 'This password is on a list of common or breached passwords. Choose another one.');
		newUser = { id: crypto.randomUUID(), name, passwordHash: await hashPassword(password) };
	}

	const userId = existing?.id ?? newUser!.id;
	await db.transaction().execute(async (tx) => {
		// Locked and checked again: of two acceptances of one link, the second finds it accepted.
		const invitation = await lockInvitationByToken(tx, hashToken(input.token));
		if (!invitation) throw invalid();
		assertOpen(invitation);
		if (newUser) await insertUser(tx, { id: newUser.id, email: invitation.email, name: newUser.name, passwordHash: newUser.passwordHash });
		if (!(await findMembership(tx, invitation.account_id, userId))) {
			await insertMembership(tx, { id: crypto.randomUUID(), accountId: invitation.account_id, userId, role: invitation.role });
		}
		await closeInvitation(tx, invitation.id, 'accepted', await bumpAccountVersion(tx, invitation.account_id), userId);
		const details = { invitationId: invitation.id, email: invitation.email, role: invitation.role, newUser: newUser !== null };
		await recordActivity(tx, { userId, accountId: invitation.account_id, action: 'user.invite.accept', details, ip: input.ip });
	}).catch((err: unknown) => {
		// The email got an account between the check and the insert (another invitation accepted at once).
		throw isUniqueViolation(err) ? new AppError(409, ErrorCode.conflict, 'An account for this email was just created. Sign in and open the link again.') : err;
	});
	return { userId, accountId: found.account_id, startSession: newUser !== null };
}
