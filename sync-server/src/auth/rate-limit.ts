/**
 * Login throttling: 5 failures per minute per email and per IP. Failures live in Postgres, so every server
 * process behind a load balancer counts the same attempts.
 */
import { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { recentFailures } from '../db/login-failures.repository.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 60;

export async function assertLoginAllowed(db: Kysely<Database>, email: string, ip: string, now = new Date()): Promise<void> {
	const windows = await Promise.all([
		recentFailures(db, 'email', email, WINDOW_SECONDS),
		recentFailures(db, 'ip', ip, WINDOW_SECONDS)
	]);
	const blocking = windows.filter((w) => w.count >= MAX_FAILURES && w.oldestAt);
	if (blocking.length === 0) return;
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
