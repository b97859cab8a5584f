/** Creating, listing and revoking API tokens; each change journaled (the token's id and prefix, never the token). */
import type { ApiTokenEntry, CreatedApiToken } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { recordActivity } from '../db/activity.repository.ts';
import { findApiToken, insertApiToken, listApiTokens, revokeApiToken } from '../db/api-tokens.repository.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { newApiToken } from '../auth/api-tokens.ts';

type Db = Kysely<Database>;
export type Actor = { userId: string; email: string; ip: string | null };
export type TokenSpec = { kind: 'vendor' | 'account'; accountId: string | null; name: string; scopes: string[]; expiresInDays?: number | undefined };

const DAY_MS = 24 * 60 * 60 * 1000;

export async function createToken(db: Db, actor: Actor, spec: TokenSpec): Promise<CreatedApiToken> {
	const id = crypto.randomUUID();
	const { token, tokenHash, prefix } = newApiToken();
	const scopes = [...new Set(spec.scopes)].sort();
	const expiresAt = spec.expiresInDays ? new Date(Date.now() + spec.expiresInDays * DAY_MS) : null;
	const createdAt = new Date();
	await db.transaction().execute(async (tx) => {
		await insertApiToken(tx, { id, tokenHash, prefix, name: spec.name, kind: spec.kind, accountId: spec.accountId, userId: actor.userId, scopes, expiresAt });
		await recordActivity(tx, { userId: actor.userId, accountId: spec.accountId, ip: actor.ip, action: 'token.create', details: { tokenId: id, name: spec.name, kind: spec.kind, prefix, scopes, expiresAt: expiresAt?.toISOString() ?? null } });
	});
	return { id, name: spec.name, kind: spec.kind, accountId: spec.accountId, scopes, prefix, createdBy: actor.email, createdAt: createdAt.toISOString(), expiresAt: expiresAt?.toISOString() ?? null, lastUsedAt: null, token };
}

export async function listTokens(db: Db, accountId: string | null): Promise<{ tokens: ApiTokenEntry[] }> {
	const rows = await listApiTokens(db, accountId);
	return {
		tokens: rows.map((r) => ({
			id: r.id, name: r.name, kind: r.kind, accountId: r.account_id, scopes: r.scopes, prefix: r.prefix, createdBy: r.email,
			createdAt: r.created_at.toISOString(), expiresAt: r.expires_at?.toISOString() ?? null, lastUsedAt: r.last_used_at?.toISOString() ?? null
		}))
	};
}

/** Revokes a live token of this account (or of the vendor, accountId null); another's token reads as not found. */
export async function revokeToken(db: Db, actor: Actor, accountId: string | null, id: string): Promise<{ ok: true }> {
	await db.transaction().execute(async (tx) => {
		const token = await findApiToken(tx, id);
		const owned = token && (accountId === null ? token.kind === 'vendor' : token.account_id === accountId);
		if (!owned || token.revoked_at || !(await revokeApiToken(tx, id))) throw notFound('No such token, or it was already revoked.');
		await recordActivity(tx, { userId: actor.userId, accountId, ip: actor.ip, action: 'token.revoke', details: { tokenId: id, name: token.name, prefix: token.prefix } });
	});
	return { ok: true };
}

/** The account a token belongs to, for checking who may revoke it. */
export async function tokenAccount(db: Db, id: string): Promise<string | null | undefined> {
	return (await findApiToken(db, id))?.account_id;
}
