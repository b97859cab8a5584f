/** What the sharing and custom-data operations share: who may act in an account, and the version a write stamps. */
import { ErrorCode, type Role } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import type { Database } from '../db/schema.ts';
import { Rejection, type OperationContext } from './operation.ts';

/** The user's roles in the account now (direct, or through a partner that holds a delegation), or a rejection. */
export async function requireRole(ctx: OperationContext, accountId: string, allowed: ReadonlySet<Role>, notAllowed: string): Promise<void> {
	const access = await ctx.batch.access(accountId);
	if (!access) throw new Rejection(ErrorCode.accountNotInScope, 'You do not have access to this account any more.');
	const roles = [access.directRole, ...access.partnerRoles];
	if (!roles.some((role) => role !== null && allowed.has(role))) throw new Rejection(ErrorCode.notAllowed, notAllowed);
}

/** The version this mutation's rows in the account carry: the batch's, or a fresh bump (see PushBatch). */
export async function takeVersion(tx: Kysely<Database>, ctx: OperationContext, accountId: string): Promise<number> {
	const version = ctx.batch.versionTaken(accountId) ?? (await bumpAccountVersion(tx, accountId));
	ctx.batch.versionUsed(accountId, version);
	return version;
}

/** Versions for several accounts, bumped in one order (by id), so two writes crossing the same accounts queue
 * behind each other instead of deadlocking (A shares with B while B shares with A). */
export async function takeVersions(tx: Kysely<Database>, ctx: OperationContext, accountIds: readonly string[]): Promise<Map<string, number>> {
	const versions = new Map<string, number>();
	for (const id of [...new Set(accountIds)].sort()) versions.set(id, await takeVersion(tx, ctx, id));
	return versions;
}

export async function userEmail(tx: Kysely<Database>, userId: string): Promise<string> {
	const row = await tx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
	return row.email;
}

export const ADMINS: ReadonlySet<Role> = new Set(['admin']);
