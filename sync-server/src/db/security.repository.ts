/** 2-step verification state and a user's sessions. Every query is scoped by the user. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export async function totpState(db: Db, userId: string) {
	const row = await db.selectFrom('user_totp').select(['secret', 'enabled_at', 'last_step']).where('user_id', '=', userId).executeTakeFirst();
	return row && { secret: row.secret, enabled: row.enabled_at !== null, enabledAt: row.enabled_at, lastStep: Number(row.last_step) };
}

/** A new secret while not enabled yet (enrolling again replaces the previous attempt's); false once enabled. */
export async function beginEnrolment(db: Db, userId: string, secret: string): Promise<boolean> {
	const result = await db
		.insertInto('user_totp')
		.values({ user_id: userId, secret })
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, last_step: 0 }).where('user_totp.enabled_at', 'is', null))
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Claims the step for the user: true only for the first caller with a step later than the last one used. */
export async function useStep(db: Db, userId: string, step: number, enable = false): Promise<boolean> {
	const result = await db
		.updateTable('user_totp')
		.set({ last_step: step, ...(enable ? { enabled_at: sql<Date>`now()` } : {}) })
		.where('user_id', '=', userId)
		.where('last_step', '<', String(step) as never)
		.where('enabled_at', enable ? 'is' : 'is not', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: readonly string[]): Promise<void> {
	await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
	await db.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
}

/** Marks the code used; true only the first time (single use, also under concurrent sign-ins). */
export async function useRecoveryCode(db: Db, userId: string, hash: string): Promise<boolean> {
	const result = await db
		.updateTable('recovery_codes')
		.set({ used_at: sql<Date>`now()` })
		.where('user_id', '=', userId)
		.where('code_hash', '=', hash)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
	const row = await db
		.selectFrom('recovery_codes')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function removeTotp(db: Db, userId: string): Promise<void> {
	await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
	await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
}

export async function listSessions(db: Db, userId: string) {
	return db
		.selectFrom('sessions')
		.select(['id', 'token_hash', 'created_at', 'user_agent', 'ip'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', new Date())
		.orderBy('created_at', 'desc')
		.execute();
}

/** Ends one of the user's sessions, or all but `keepTokenHash`; returns how many ended. */
export async function revokeSessions(db: Db, userId: string, which: { id: string } | { allBut: string }): Promise<number> {
	let query = db.deleteFrom('sessions').where('user_id', '=', userId);
	query = 'id' in which ? query.where('id', '=', which.id) : query.where('token_hash', '<>', which.allBut);
	return Number((await query.executeTakeFirst()).numDeletedRows);
}
