/**
 * Login throttling: 5 failures per minute per email and per IP. Failures live in Postgres, so every server
 * process behind a load balancer counts the same attempts. An attempt is recorded *before* its password is checked
 * and the count includes it: of any number of parallel guesses, only the first five to be recorded get checked.
 */
import { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { forgetAttempt, recentFailures, recordAttempt, type AttemptId } from '../db/login-failures.repository.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 60;

/** Records the attempt and returns its id (forget it when the password was right), or throws 429. */
export async function beginLoginAttempt(db: Kysely<Database>, email: string, ip: string, now = new Date()): Promise<AttemptId> {
	const attempt = await recordAttempt(db, email, ip);
	const windows = await Promise.all([
		recentFailures(db, 'email', email, WINDOW_SECONDS),
		recentFailures(db, 'ip', ip, WINDOW_SECONDS)
	]);
	const blocking = windows.filter((w) => w.count > MAX_FAILURES && w.oldestAt);
	if (blocking.length === 0) return attempt;
	await forgetAttempt(db, attempt); // refused unchecked: it must not stretch the block
	const retryAfter = Math.max(...blocking.map((w) => retryAfterSeconds(w.oldestAt!, now)));
	throw new AppError(
		429,
		ErrorCode.rateLimited,
		`Too many failed sign-ins. Try again in ${retryAfter} seconds.`,
		{ retryAfterSeconds: retryAfter },
		{ 'Retry-After': String(retryAfter) }
	);
}

/** Seconds until the oldest failure leaves the window (at least 1, so a client never retries immediately). */
export function retryAfterSeconds(oldestAt: Date, now: Date): number {
	return Math.max(1, Math.ceil((oldestAt.getTime() + WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
}
