import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type FailureWindow = { count: number; oldestAt: Date | null };

/** Failures within the window for one key (email or ip), with the oldest one so Retry-After can be exact. */
export async function recentFailures(
	db: Kysely<Database>,
	column: 'email' | 'ip',
	value: string,
	windowSeconds: number
): Promise<FailureWindow> {
	const row = await db
		.selectFrom('login_failures')
		.select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.min('at').as('oldest')])
		.where(column, '=', value)
		.where('at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
		.executeTakeFirstOrThrow();
	return { count: Number(row.count), oldestAt: row.oldest ? new Date(row.oldest as Date) : null };
}

export async function recordFailure(db: Kysely<Database>, email: string, ip: string): Promise<void> {
	await db.insertInto('login_failures').values({ email, ip }).execute();
	// Old attempts only matter for the window; trimming here keeps the table at the size of recent attacks.
	await db.deleteFrom('login_failures').where('at', '<', sql<Date>`now() - interval '1 day'`).where('email', '=', email).execute();
}
