import type { Kysely } from 'kysely';
import type { AuthUser } from '../http/env.ts';
import type { Database } from './schema.ts';

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

export async function findSessionUser(db: Db, tokenHash: string): Promise<AuthUser | undefined> {
	return db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select(['users.id', 'users.email', 'users.name', 'users.vendor'])
		.where('sessions.token_hash', '=', tokenHash)
		.where('sessions.expires_at', '>', new Date())
		.executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
	await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
