/**
 * What both Enterprise Flexible operations do first and last: who may act, taking the account's version and then
 * the agreement's lock (always in that order, so a batch mixing registrations and draw-downs cannot deadlock with
 * another), and stamping the agreement, its event and the journal.
 */
import { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { insertAgreementEvent, lockAgreement, stampAgreement } from '../db/agreements.repository.ts';
import type { Database } from '../db/schema.ts';
import { Rejection, type OperationContext } from './operation.ts';

/** Opens the savepoint (several writes follow, and a rejection can come after the first), takes the version, locks. */
export async function openAgreement(tx: Kysely<Database>, ctx: OperationContext, accountId: string, agreementId: string) {
	await ctx.savepoint();
	const version = ctx.batch.versionTaken(accountId) ?? (await bumpAccountVersion(tx, accountId));
	ctx.batch.versionUsed(accountId, version);
	const agreement = await lockAgreement(tx, accountId, agreementId);
	// The same words whether it does not exist or belongs to an account the user cannot see.
	if (!agreement) throw new Rejection(ErrorCode.agreementUnknown, 'This agreement is not known in this workspace. Sync and pick it again.');
	return { agreement, version };
}

export async function recordAgreementChange(
	tx: Kysely<Database>,
	ctx: OperationContext,
	change: { accountId: string; agreementId: string; version: number; kind: 'draw' | 'release'; sku: string; seats: number; licenseId: string; details: Record<string, unknown> }
): Promise<void> {
	const { accountId, agreementId, version, kind, sku, seats, licenseId } = change;
	await stampAgreement(tx, accountId, agreementId, version);
	await insertAgreementEvent(tx, { accountId, version, agreementId, sku, kind, seats, licenseId, userId: ctx.userId });
	await recordActivity(tx, {
		userId: ctx.userId,
		accountId,
		action: kind === 'draw' ? 'enterprise.drawDown' : 'enterprise.release',
		details: { agreementId, sku, seats, licenseId, ...change.details },
		ip: ctx.ip,
		clientId: ctx.clientId,
		mutationId: ctx.mutationId
	});
}
