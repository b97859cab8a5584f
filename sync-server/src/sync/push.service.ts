/**
 * Push (DESIGN §4). One transaction per request holding the client row lock; each mutation behind its own
 * savepoint. Ids at or below the client's last are replays and get their stored result; a gap commits what came
 * before it and answers 409 mutation_gap, so the device re-sends from lastMutationId + 1.
 */
import { ErrorCode, type MutationResult, type PushRequest, type PushResponse } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { claimClient, storeResults, storedResults } from '../db/clients.repository.ts';
import type { Database } from '../db/schema.ts';
import { withRetry } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { Signer } from '../keys/signing-key.ts';
import type { OperationServices } from '../operations/operation.ts';
import { dnsDomainVerifier } from '../members/domain-verifier.ts';
import { applyMutation, prepareMutations } from './apply-mutation.ts';
import { PushBatch } from './push-batch.ts';
import { assertSupportedVersions, clientOwnedByOtherUser } from './versions.ts';

/** The new mutations this push will apply: ids last + 1, last + 2, ... up to the end or a gap. */
function freshRun(mutations: PushRequest['mutations'], last: number): PushRequest['mutations'] {
	const run = [];
	for (const mutation of mutations) {
		if (mutation.id <= last) continue;
		if (mutation.id !== last + run.length + 1) break;
		run.push(mutation);
	}
	return run;
}

/** `services`: the app passes its own; the seed's pushes take the defaults (DNS, the default local address). */
export type PushDeps = { db: Kysely<Database>; signer: Signer; services?: OperationServices };
const defaultServices: OperationServices = { domains: dnsDomainVerifier(), publicUrl: 'http://localhost:8787' };

export async function push(deps: PushDeps, userId: string, ip: string, request: PushRequest): Promise<PushResponse> {
	assertSupportedVersions(request);
	const { clientId, mutations } = request;
	const outcome = await withRetry(deps.db, async (tx) => {
		const client = await claimClient(tx, clientId, userId, { lock: true });
		if (client.user_id !== userId) throw clientOwnedByOtherUser();
		let last = client.last_mutation_id;
		const replayIds = mutations.filter((m) => m.id <= last).map((m) => m.id);
		const replays = replayIds.length
			? new Map((await storedResults(tx, clientId, Math.min(...replayIds), Math.max(...replayIds))).map((r) => [r.id, r]))
			: new Map();
		const results: MutationResult[] = [];
		const fresh: MutationResult[] = [];
		const batch = new PushBatch(tx, userId);
		// The kept mutations' journal rows and webhook events, then the results: all commit with the mutations.
		const finish = async () => {
			await batch.flush();
			await storeResults(tx, clientId, fresh);
		};
		await prepareMutations(tx, { batch, signer: deps.signer }, freshRun(mutations, last));
		for (const mutation of mutations) {
			if (mutation.id <= last) {
				const stored = replays.get(mutation.id);
				if (!stored) throw new Error(`no stored result for mutation ${mutation.id} of client ${clientId}`);
				results.push(stored);
				continue;
			}
			if (mutation.id > last + 1) {
				await finish();
				return { gap: true as const, last };
			}
			const result = await applyMutation(tx, { userId, clientId, mutationId: mutation.id, ip, signer: deps.signer, services: deps.services ?? defaultServices, batch }, mutation);
			results.push(result);
			fresh.push(result);
			last = mutation.id;
		}
		await finish();
		return { gap: false as const, last, results };
	});
	if (outcome.gap) {
		throw new AppError(409, ErrorCode.mutationGap, `Expected mutation ${outcome.last + 1} next.`, { lastMutationId: outcome.last });
	}
	return { lastMutationId: outcome.last, results: outcome.results };
}
