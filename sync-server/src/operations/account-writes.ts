/** What the sharing and custom-data operations share: the version a write stamps, and who wrote. */
import type { Kysely } from 'kysely';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import type { Database } from '../db/schema.ts';
import type { OperationContext } from './operation.ts';

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
