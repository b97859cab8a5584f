/**
 * A user's failed voucher redemptions in a fixed window: one row per user, so checking and counting lock the same
 * row and a user's parallel pushes cannot all slip under the limit at once.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** The user's failures in the window that is still open (null when none), row-locked until commit. */
export async function lockAttempts(db: Db, userId: string, windowSeconds: number): Promise<{ failures: number; windowStart: Date } | null> {
	const row = await db
		.selectFrom('voucher_attempts')
		.select(['failures', 'window_start'])
		.where('user_id', '=', userId)
		.where('window_start', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
		.forUpdate()
		.executeTakeFirst();
	return row ? { failures: row.failures, windowStart: new Date(row.window_start) } : null;
}

/** Counts one failure: in the open window, or as the first of a new one when the last window has closed. */
export async function recordFailure(db: Db, userId: string, windowSeconds: number): Promise<void> {
	const open = sql<boolean>`voucher_attempts.window_start > now() - make_interval(secs => ${windowSeconds})`;
	await db
		.insertInto('voucher_attempts')
		.values({ user_id: userId, failures: 1, window_start: sql<Date>`now()` })
		.onConflict((oc) =>
			oc.column('user_id').doUpdateSet({
				failures: sql<number>`case when ${open} then voucher_attempts.failures + 1 else 1 end`,
				window_start: sql<Date>`case when ${open} then voucher_attempts.window_start else now() end`
			})
		)
		.execute();
}
