/**
 * Invitation links are guessed at as a whole token (256 random bits, so only a leak makes a guess work); still, an
 * IP gets at most MAX_FAILURES look-ups of tokens that name no invitation per window, counted in Postgres like
 * sign-in failures (every process sees them), recorded before the look-up so parallel guesses cannot all pass.
 */
import { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { forgetInvitationAttempt, recentInvitationAttempts, recordInvitationAttempt } from '../db/members.repository.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export const MAX_FAILURES = 10;
export const WINDOW_SECONDS = 600;

/** Records the attempt (forget it once the token named an invitation), or throws 429 with Retry-After. */
export async function beginInvitationAttempt(db: Kysely<Database>, ip: string): Promise<string> {
	const attempt = await recordInvitationAttempt(db, ip);
	const { count, oldestAt } = await recentInvitationAttempts(db, ip, WINDOW_SECONDS);
	if (count <= MAX_FAILURES || !oldestAt) return attempt;
	await forgetInvitationAttempt(db, attempt); // refused unchecked: it must not stretch the block
	const retryAfter = Math.max(1, Math.ceil((oldestAt.getTime() + WINDOW_SECONDS * 1000 - Date.now()) / 1000));
	throw new AppError(429, ErrorCode.rateLimited, `Too many invitation links that do not work. Try again in ${retryAfter} seconds.`, { retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) });
}

export { forgetInvitationAttempt };
