/**
 * One account's changes since a version, at most `room` of them, never splitting the rows of one version across
 * pages: the cursor may only advance to a version whose every row was sent.
 */
import type { Change } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { changeSources, type VersionedChange } from '../db/changes.repository.ts';
import type { Database } from '../db/schema.ts';

export type AccountPage = { changes: Change[]; upTo: number; complete: boolean };

async function fetchAll(db: Kysely<Database>, accountId: string, since: number, limit: number): Promise<VersionedChange[]> {
	const lists = await Promise.all(changeSources.map((fetch) => fetch(db, accountId, since, limit)));
	// Stable sort: within one version, sources keep their order (accounts before memberships before licenses...).
	return lists.flat().sort((a, b) => a.version - b.version);
}

/** `current` is the account's version in the pull's snapshot: reading everything up to it completes the account. */
export async function accountChanges(db: Kysely<Database>, accountId: string, since: number, current: number, room: number): Promise<AccountPage> {
	const merged = await fetchAll(db, accountId, since, room + 1);
	if (merged.length <= room) return { changes: merged.map((c) => c.change), upTo: current, complete: true };
	const boundary = merged[room]!.version;
	let page = merged.slice(0, room).filter((c) => c.version < boundary);
	if (page.length === 0) {
		// One write produced more rows than a page holds: send that whole version rather than never advance.
		page = (await fetchAll(db, accountId, boundary - 1, Number.MAX_SAFE_INTEGER)).filter((c) => c.version === boundary);
		return { changes: page.map((c) => c.change), upTo: boundary, complete: boundary >= current };
	}
	return { changes: page.map((c) => c.change), upTo: boundary - 1, complete: false };
}
