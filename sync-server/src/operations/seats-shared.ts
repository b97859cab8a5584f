/** What every seat operation does first and last: the savepoint and the account's version, and the journal entry. */
import type { Kysely } from 'kysely';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import type { Database } from '../db/schema.ts';
import type { OperationContext } from './operation.ts';

/** Opens the savepoint (several writes follow, and a rejection can come after the first) and takes the version
 * before any row lock, the order every operation keeps, so batches mixing operations cannot deadlock. */
export async function openSeatWrite(tx: Kysely<Database>, ctx: OperationContext, accountId: string): Promise<number> {
	await ctx.savepoint();
	const version = ctx.batch.versionTaken(accountId) ?? (await bumpAccountVersion(tx, accountId));
	ctx.batch.versionUsed(accountId, version);
	return version;
}

export async function journalSeatChange(tx: Kysely<Database>, ctx: OperationContext, accountId: string, action: string, details: Record<string, unknown>) {
	await recordActivity(tx, { userId: ctx.userId, accountId, action, details, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId });
}
