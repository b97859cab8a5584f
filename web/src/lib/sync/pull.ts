/** Pull (DESIGN §4): page through changes since the cursor, applying each page as it comes. */
import { PROTOCOL_VERSION, PullResponse, SCHEMA_VERSION, type PullRequest } from '@keyfield/shared';
import type { KeyfieldDb } from '../db/db.ts';
import { ensureClient } from '../db/clients.ts';
import { getMeta } from '../db/meta.ts';
import { callApi } from './api.ts';
import { applyPullPage } from './apply-pull.ts';
import type { SyncContext } from './context.ts';
import { OK, outcomeOf, type SyncOutcome } from './outcome.ts';

async function cursorFor(db: KeyfieldDb, clientId: string): Promise<string | null> {
	const stored = await getMeta(db, 'cursor');
	return stored?.clientId === clientId ? stored.cursor : null;
}

export interface PullResult {
	outcome: SyncOutcome;
	arrived: string[]; // licenses that were pending and are now server rows
}

export async function pull(ctx: SyncContext, onProgress: (done: number) => void): Promise<PullResult> {
	const { db, fetch, user } = ctx;
	const client = await ensureClient(db, user.id);
	const arrived: string[] = [];
	let done = 0;
	for (;;) {
		const cursor = await cursorFor(db, client.clientId);
		const request: PullRequest = { protocolVersion: PROTOCOL_VERSION, clientId: client.clientId, schemaVersion: SCHEMA_VERSION, cursor };
		const res = await callApi(fetch, '/api/sync/pull', PullResponse, request);
		if (!res.ok) return { outcome: outcomeOf(res), arrived };
		arrived.push(...(await applyPullPage(db, user.id, client.clientId, res.data, cursor === null)));
		done += res.data.changes.length;
		onProgress(done);
		if (!res.data.hasMore) return { outcome: OK, arrived };
	}
}
