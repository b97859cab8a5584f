/**
 * Pull (DESIGN §4). Reads in one REPEATABLE READ snapshot, so "account at version N" and the rows up to N agree.
 * Only accounts whose counter moved past the cursor are queried, a group at a time: the cost follows what changed,
 * not table sizes or the number of accounts in scope.
 * An account new in scope starts at 0 (backfill); one gone from scope simply drops out of `scope` and the cursor.
 */
import { MAX_CHANGES_PER_PULL, type PullRequest, type PullResponse } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { claimClient } from '../db/clients.repository.ts';
import { withRetry } from '../db/transaction.ts';
import { insertCursor } from '../db/cursors.repository.ts';
import { pullStart } from '../db/pull-start.repository.ts';
import type { Database } from '../db/schema.ts';
import { changesPage } from './account-changes.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { assertSupportedVersions, clientOwnedByOtherUser } from './versions.ts';

export async function pull(db: Kysely<Database>, userId: string, request: PullRequest, pageSize = MAX_CHANGES_PER_PULL): Promise<PullResponse> {
	assertSupportedVersions(request);
	const previousId = request.cursor === null ? null : decodeCursor(request.cursor);
	// Two pulls of one client (a retry after a timeout) or a first pull racing a first push write the same client
	// and cursor rows: Postgres then aborts one snapshot with a serialization failure, and it simply runs again.
	return withRetry(
		db,
		async (tx) => {
			const client = await claimClient(tx, request.clientId, userId, { lock: false });
			if (client.user_id !== userId) throw clientOwnedByOtherUser();
			// An unknown or expired cursor (not this client's) has no versions: the pull restarts from zero, slower, never wrong.
			const { scope, current, base } = await pullStart(tx, userId, request.clientId, previousId);

			const changed = scope
				.map((accountId) => ({ accountId, since: base.get(accountId) ?? 0, current: current.get(accountId)! }))
				.filter((a) => a.current > a.since);
			const { changes, upTo, hasMore } = await changesPage(tx, changed, pageSize);
			const next = new Map(scope.map((accountId) => [accountId, upTo.get(accountId) ?? base.get(accountId) ?? 0]));

			const unchanged = previousId !== null && base.size === next.size && [...next].every(([id, v]) => base.get(id) === v);
			let cursorId = previousId;
			if (!unchanged || cursorId === null) {
				cursorId = crypto.randomUUID();
				await insertCursor(tx, cursorId, request.clientId, next);
			}
			return { cursor: encodeCursor(cursorId), hasMore, scope, changes, lastMutationId: client.last_mutation_id };
		},
		{ isolation: 'repeatable read' }
	);
}
