import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, LoginFailuresTable } from './schema.ts';

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

export type AttemptId = Selectable<LoginFailuresTable>['id'];

/** Counts an attempt before its password is checked, so parallel guesses cannot all pass the limit at once. */
export async function recordAttempt(db: Kysely<Database>, email: string, ip: string): Promise<AttemptId> {
	const row = await db.insertInto('login_failures').values({ email, ip }).returning('id').executeTakeFirstOrThrow();
	// Old attempts only matter for the window; trimming here keeps the table at the size of recent attacks.
	await db.deleteFrom('login_failures').where('at', '<', sql<Date>`now() - interval '1 day'`).where('email', '=', email).execute();
	return row.id;
}

/** A successful sign-in, or one refused by the limit before any guess was checked, does not count. */
export async function forgetAttempt(db: Kysely<Database>, id: AttemptId): Promise<void> {
	await db.deleteFrom('login_failures').where('id', '=', id).execute();
}
