/**
 * Pull (DESIGN §4). Reads in one REPEATABLE READ snapshot, so "account at version N" and the rows up to N agree.
 * Only accounts whose counter moved past the cursor are queried: the cost follows what changed, not table sizes.
 * An account new in scope starts at 0 (backfill); one gone from scope simply drops out of `scope` and the cursor.
 */
import { MAX_CHANGES_PER_PULL, type Change, type PullRequest, type PullResponse } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { accountVersions } from '../db/accounts.repository.ts';
import { claimClient } from '../db/clients.repository.ts';
import { cursorVersions, insertCursor } from '../db/cursors.repository.ts';
import { scopeAccountIds } from '../db/scope.repository.ts';
import type { Database } from '../db/schema.ts';
import { accountChanges } from './account-changes.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { assertSupportedVersions, clientOwnedByOtherUser } from './versions.ts';

export async function pull(db: Kysely<Database>, userId: string, request: PullRequest, pageSize = MAX_CHANGES_PER_PULL): Promise<PullResponse> {
	assertSupportedVersions(request);
	const previousId = request.cursor === null ? null : decodeCursor(request.cursor);
	return db
		.transaction()
		.setIsolationLevel('repeatable read')
		.execute(async (tx) => {
			const client = await claimClient(tx, request.clientId, userId, { lock: false });
			if (client.user_id !== userId) throw clientOwnedByOtherUser();
			const scope = await scopeAccountIds(tx, userId);
			// An unknown or expired cursor (not this client's) restarts from zero: slower, never wrong.
			const base = (previousId && (await cursorVersions(tx, previousId, request.clientId))) || new Map<string, number>();
			const current = await accountVersions(tx, scope);

			const next = new Map<string, number>();
			const changes: Change[] = [];
			let hasMore = false;
			for (const accountId of scope) {
				const since = base.get(accountId) ?? 0;
				const version = current.get(accountId) ?? 0;
				const room = pageSize - changes.length;
				if (version <= since || room <= 0) {
					hasMore ||= version > since;
					next.set(accountId, since);
					continue;
				}
				const page = await accountChanges(tx, accountId, since, version, room);
				changes.push(...page.changes);
				next.set(accountId, page.upTo);
				hasMore ||= !page.complete;
			}

			const unchanged = previousId !== null && base.size === next.size && [...next].every(([id, v]) => base.get(id) === v);
			let cursorId = previousId;
			if (!unchanged || cursorId === null) {
				cursorId = crypto.randomUUID();
				await insertCursor(tx, cursorId, request.clientId, next);
			}
			return { cursor: encodeCursor(cursorId), hasMore, scope, changes, lastMutationId: client.last_mutation_id };
		});
}
