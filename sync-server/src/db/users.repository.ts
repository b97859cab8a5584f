import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AuthUser } from '../http/env.ts';
import type { Database } from './schema.ts';
import { preparedMark } from './prepared.ts';

type Db = Kysely<Database>;

export async function findUserByEmail(db: Db, email: string) {
	return db
		.selectFrom('users')
		.select(['id', 'email', 'name', 'vendor', 'password_hash'])
		.where('email', '=', email.toLowerCase())
		.executeTakeFirst();
}

export async function insertUser(
	db: Db,
	user: { id: string; email: string; name: string; passwordHash: string; vendor?: boolean }
): Promise<void> {
	await db
		.insertInto('users')
		.values({ id: user.id, email: user.email.toLowerCase(), name: user.name, password_hash: user.passwordHash, vendor: user.vendor ?? false })
		.execute();
}

export async function countUsers(db: Db): Promise<number> {
	const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function insertSession(db: Db, tokenHash: string, userId: string, expiresAt: Date, device: { userAgent?: string | null; ip?: string | null } = {}): Promise<void> {
	await db
		.insertInto('sessions')
		.values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt, user_agent: device.userAgent?.slice(0, 300) ?? null, ip: device.ip ?? null })
		.execute();
}

/** An account of the user requires 2-step verification (the policy) and the user has not turned it on. */
function enrolmentRequired(userId: RawBuilder<unknown>) {
	return sql<boolean>`(exists (select 1 from memberships m join accounts a on a.id = m.account_id where m.user_id = ${userId} and a.require_two_step)
		and not exists (select 1 from user_totp t where t.user_id = ${userId} and t.enabled_at is not null))`;
}

/** The session's user, and whether the account policy holds them to enrolment (read with the session: one query). */
export async function findSessionUser(db: Db, tokenHash: string): Promise<(AuthUser & { enrolmentRequired: boolean }) | undefined> {
	return db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select(['users.id', 'users.email', 'users.name', 'users.vendor', enrolmentRequired(sql.ref('users.id')).as('enrolmentRequired')])
		.where('sessions.token_hash', '=', tokenHash)
		.where('sessions.expires_at', '>', new Date())
		.modifyEnd(preparedMark('session_user'))
		.executeTakeFirst();
}

export async function twoStepEnrolmentRequired(db: Db, userId: string): Promise<boolean> {
	const { rows } = await sql<{ required: boolean }>`select ${enrolmentRequired(sql`${userId}::uuid`)} as required`.execute(db);
	return rows[0]?.required ?? false;
}

export async function twoStepEnrolled(db: Db, userId: string): Promise<boolean> {
	const row = await db.selectFrom('user_totp').select('user_id').where('user_id', '=', userId).where('enabled_at', 'is not', null).executeTakeFirst();
	return row !== undefined;
}

/** Accounts of the user whose policy requires 2-step verification: switching it off is refused while any does. */
export async function twoStepRequiredBy(db: Db, userId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('accounts', 'accounts.id', 'memberships.account_id')
		.select('accounts.name')
		.where('memberships.user_id', '=', userId)
		.where('accounts.require_two_step', '=', true)
		.execute();
	return rows.map((r) => r.name);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
	await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
