/** Push (DESIGN §4): send the signed-in user's queue in id order, in batches, and file each result. */
import {
	ErrorCode,
	MAX_MUTATIONS_PER_PUSH,
	PROTOCOL_VERSION,
	PushResponse,
	SCHEMA_VERSION,
	SessionInfo,
	type PushRequest
} from '@keyfield/shared';
import type { KeyfieldDb, OutboxEntry } from '../db/db.ts';
import { ensureClient } from '../db/clients.ts';
import { clientEntries } from '../ops/outbox.ts';
import { callApi } from './api.ts';
import type { SyncContext } from './context.ts';
import { OK, outcomeOf, type SyncOutcome } from './outcome.ts';
import { closeGap, replaceClient } from './repair.ts';

/**
 * Applied entries stay queued (marked) until a pull brings their rows, so the pending placeholder turns into the
 * real row in one step; rejected ones move to "Needs attention" with the server's code and reason.
 */
async function fileResults(db: KeyfieldDb, batch: OutboxEntry[], response: PushResponse, now: string): Promise<number> {
	const byId = new Map(batch.map((entry) => [entry.id, entry]));
	let filed = 0;
	await db.transaction('rw', db.outbox, db.attention, async () => {
		for (const result of response.results) {
			const entry = byId.get(result.id);
			if (!entry) continue;
			filed++;
			if (result.status === 'applied') {
				await db.outbox.update([entry.clientId, entry.id], { appliedAt: now });
				continue;
			}
			await db.attention.put({
				id: entry.id,
				clientId: entry.clientId,
				userId: entry.userId,
				name: entry.name,
				args: entry.args,
				code: result.code ?? ErrorCode.notAllowed,
				message: result.message ?? 'The server did not accept this.',
				...(result.result ? { details: result.result } : {}),
				rejectedAt: now,
				accountId: entry.accountId
			});
			await db.outbox.delete([entry.clientId, entry.id]);
		}
	});
	return filed;
}

async function sessionIs(fetch: SyncContext['fetch'], userId: string): Promise<boolean> {
	const me = await callApi(fetch, '/api/auth/me', SessionInfo);
	return me.ok && me.data.user.id === userId;
}

export async function push({ db, fetch, user, now, log }: SyncContext): Promise<SyncOutcome> {
	let repaired = false; // one repair per push: a server that keeps disagreeing is an error, not a loop
	for (;;) {
		const client = await ensureClient(db, user.id);
		const unsent = (await clientEntries(db, client.clientId)).filter((entry) => !entry.appliedAt);
		const batch = unsent.slice(0, MAX_MUTATIONS_PER_PUSH);
		if (batch.length === 0) return OK;
		const request: PushRequest = {
			protocolVersion: PROTOCOL_VERSION,
			clientId: client.clientId,
			schemaVersion: SCHEMA_VERSION,
			mutations: batch.map(({ id, name, args, createdAt }) => ({ id, name, args, createdAt }))
		};
		const res = await callApi(fetch, '/api/sync/push', PushResponse, request);
		if (!res.ok) {
			if (!repaired && res.status === 409 && res.code === ErrorCode.mutationGap) {
				repaired = true;
				await closeGap(db, user.id, client, Number(res.details.lastMutationId ?? 0), log);
				continue;
			}
			if (!repaired && res.status === 403 && res.code === ErrorCode.clientOwnedByOtherUser) {
				// Either the server reused its database (move our queue to a fresh client), or the browser's session
				// now belongs to someone else (another tab signed in): then this queue must wait for its own user.
				if (!(await sessionIs(fetch, user.id))) return { kind: 'unauthorized', message: 'Signed in as someone else.' };
				repaired = true;
				await replaceClient(db, user.id, client, log);
				continue;
			}
			return outcomeOf(res);
		}
		const filed = await fileResults(db, batch, res.data, now().toISOString());
		if (filed === 0) {
			return outcomeOf({ ok: false, status: 200, code: ErrorCode.internal, message: 'The server answered none of the queued operations.', details: {} });
		}
		if (unsent.length <= MAX_MUTATIONS_PER_PUSH) return OK;
	}
}
