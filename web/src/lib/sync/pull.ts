/** Pull (DESIGN §4): page through changes since the cursor, applying each page as it comes. */
import { PROTOCOL_VERSION, PullResponse, SCHEMA_VERSION, type PullRequest } from '@keyfield/shared';
import type { KeyfieldDb } from '../db/db.ts';
import { ensureClient } from '../db/clients.ts';
import { getMeta } from '../db/meta.ts';
import { callApi } from './api.ts';
import { applyPullPage } from './apply-pull.ts';
import type { SyncContext } from './context.ts';
import { OK, outcomeOf, type SyncOutcome } from './outcome.ts';
import type { ReportStatus } from './sync-state.ts';

async function cursorFor(db: KeyfieldDb, clientId: string): Promise<string | null> {
	const stored = await getMeta(db, 'cursor');
	return stored?.clientId === clientId ? stored.cursor : null;
}

export interface PullResult {
	outcome: SyncOutcome;
	arrived: string[]; // licenses that were pending and are now server rows
}

/**
 * Pages are applied one at a time and in order, each in its own transaction with its cursor, and the next page is
 * asked for while the current one is being written: its request needs only this page's cursor, so the network and
 * the device's writes overlap instead of taking turns. A page fetched but never applied (the write failed, the user
 * signed out) is as harmless as a response lost in transit: the stored cursor still names the page before it, and
 * the server keeps a client's few newest cursors (each an immutable snapshot) for exactly that.
 *
 * Reports `progress` after each page, and `catchingUp` from the first page that says more follow until the pull
 * is over (whether it finished or failed), so the UI reads the device once rather than once per page.
 */
export async function pull(ctx: SyncContext, report: ReportStatus): Promise<PullResult> {
	const { db, fetch, user } = ctx;
	const client = await ensureClient(db, user.id);
	const fetchPage = (cursor: string | null) => {
		const request: PullRequest = { protocolVersion: PROTOCOL_VERSION, clientId: client.clientId, schemaVersion: SCHEMA_VERSION, cursor };
		return callApi(fetch, '/api/sync/pull', PullResponse, request);
	};
	const arrived: string[] = [];
	let done = 0;
	let catchingUp = false;
	const stored = await cursorFor(db, client.clientId);
	let fresh = stored === null; // a pull from no cursor replaces everything
	let next = fetchPage(stored);
	try {
		for (;;) {
			const res = await next;
			if (!res.ok) return { outcome: outcomeOf(res), arrived };
			const page = res.data;
			if (page.hasMore) {
				next = fetchPage(page.cursor);
				if (!catchingUp) report({ catchingUp: (catchingUp = true) });
			}
			arrived.push(...(await applyPullPage(db, user.id, client.clientId, page, fresh)));
			fresh = false;
			done += page.changes.length;
			report({ progress: { done, total: null } });
			if (!page.hasMore) return { outcome: OK, arrived };
		}
	} finally {
		if (catchingUp) report({ catchingUp: false });
	}
}
