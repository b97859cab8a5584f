/** API tokens (only their SHA-256 is stored) and failed token attempts per IP. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export type NewApiToken = { id: string; tokenHash: string; prefix: string; name: string; kind: 'vendor' | 'account'; accountId: string | null; userId: string; scopes: string[]; expiresAt: Date | null };

export async function insertApiToken(db: Db, t: NewApiToken): Promise<void> {
	await db
		.insertInto('api_tokens')
		.values({ id: t.id, token_hash: t.tokenHash, prefix: t.prefix, name: t.name, kind: t.kind, account_id: t.accountId, user_id: t.userId, scopes: t.scopes, expires_at: t.expiresAt })
		.execute();
}

/** Live tokens of one account, or the vendor's (accountId null), newest first. */
export function listApiTokens(db: Db, accountId: string | null) {
	const query = db
		.selectFrom('api_tokens')
		.innerJoin('users', 'users.id', 'api_tokens.user_id')
		.select(['api_tokens.id', 'api_tokens.name', 'api_tokens.kind', 'api_tokens.account_id', 'api_tokens.scopes', 'api_tokens.prefix', 'users.email', 'api_tokens.created_at', 'api_tokens.expires_at', 'api_tokens.last_used_at'])
		.where('api_tokens.revoked_at', 'is', null)
		.orderBy('api_tokens.created_at', 'desc');
	return (accountId === null ? query.where('api_tokens.kind', '=', 'vendor') : query.where('api_tokens.account_id', '=', accountId)).execute();
}

export function findApiToken(db: Db, id: string) {
	return db.selectFrom('api_tokens').select(['id', 'kind', 'account_id', 'name', 'prefix', 'revoked_at']).where('id', '=', id).executeTakeFirst();
}

export async function revokeApiToken(db: Db, id: string): Promise<boolean> {
	const result = await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export type TokenCaller = { token_id: string; kind: 'vendor' | 'account'; account_id: string | null; scopes: string[]; id: string; email: string; name: string; vendor: boolean };

/**
 * The live token with this hash and the user it acts as — only while that user may still do what the token was
 * made for (a vendor token's creator is still a vendor operator; an account token's creator still an admin of
 * the account). Records last use in the same statement, at most once a minute per token (no write per request).
 */
export async function authenticateTokenHash(db: Db, tokenHash: string): Promise<TokenCaller | undefined> {
	const { rows } = await sql<TokenCaller>`
		with caller as (
			select t.id as token_id, t.kind, t.account_id, t.scopes, t.last_used_at, u.id, u.email, u.name, u.vendor
			from api_tokens t join users u on u.id = t.user_id
			where t.token_hash = ${tokenHash} and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
				and case when t.kind = 'vendor' then u.vendor
					else exists (select 1 from memberships m where m.account_id = t.account_id and m.user_id = u.id and m.role = 'admin') end),
		touched as (
			update api_tokens set last_used_at = now() from caller
			where api_tokens.id = caller.token_id and (caller.last_used_at is null or caller.last_used_at < now() - interval '1 minute'))
		select token_id, kind, account_id, scopes, id, email, name, vendor from caller`.execute(db);
	return rows[0];
}

export async function recentTokenFailures(db: Db, ip: string, windowSeconds: number): Promise<{ count: number; oldestAt: Date | null }> {
	const row = await db
		.selectFrom('api_token_failures')
		.select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.min('at').as('oldest')])
		.where('ip', '=', ip)
		.where('at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
		.executeTakeFirstOrThrow();
	return { count: Number(row.count), oldestAt: row.oldest ? new Date(row.oldest as Date) : null };
}

export async function recordTokenFailure(db: Db, ip: string): Promise<void> {
	// Old failures only matter for the window; trimming here keeps the table at the size of recent attacks.
	await sql`with trimmed as (delete from api_token_failures where ip = ${ip} and at < now() - interval '1 day')
		insert into api_token_failures (ip) values (${ip})`.execute(db);
}
