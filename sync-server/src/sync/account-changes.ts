/**
 * One pull page over the accounts whose counter moved past the cursor, in scope order. Accounts are read a group at
 * a time (one statement per group, not per account or table, see db/changes.repository.ts), and each account's share of
 * the page never splits the rows of one version: the cursor may only advance to a version whose every row was sent.
 */
import type { Change } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { changesSince, type VersionedChange } from '../db/changes.repository.ts';
import type { Database } from '../db/schema.ts';
import type { AccountSince } from '../db/sql-helpers.ts';

/** `current` is the account's version in the pull's snapshot: reading everything up to it completes the account. */
export type ChangedAccount = AccountSince & { current: number };
export type ChangesPage = { changes: Change[]; upTo: Map<string, number>; hasMore: boolean };

/** Each account's changes, merged across tables in version order (stable: within a version, sources keep their order). */
async function fetchAll(db: Kysely<Database>, accounts: readonly AccountSince[], limit: number): Promise<Map<string, VersionedChange[]>> {
	const byAccount = new Map<string, VersionedChange[]>();
	for (const change of await changesSince(db, accounts, limit)) {
		const changes = byAccount.get(change.accountId);
		if (changes) changes.push(change);
		else byAccount.set(change.accountId, [change]);
	}
	return byAccount;
}

/**
 * The next accounts to read together: enough that their version gaps could fill the room left, so a page of
 * 1,000 one-change accounts is one group, while accounts with thousands of changes are read a few at a time.
 */
function nextGroup(accounts: readonly ChangedAccount[], from: number, room: number): ChangedAccount[] {
	let expected = 0;
	let end = from;
	while (end < accounts.length && expected <= room) {
		expected += accounts[end]!.current - accounts[end]!.since;
		end++;
	}
	return accounts.slice(from, end);
}

/** One account's share of the page, from its first `room + 1` changes. */
async function accountShare(db: Kysely<Database>, account: ChangedAccount, merged: VersionedChange[], room: number) {
	if (merged.length <= room) return { changes: merged, upTo: account.current, complete: true };
	const boundary = merged[room]!.version;
	const page = merged.slice(0, room).filter((c) => c.version < boundary);
	if (page.length > 0) return { changes: page, upTo: boundary - 1, complete: false };
	// One write produced more rows than a page holds: send that whole version rather than never advance.
	const whole = (await fetchAll(db, [{ accountId: account.accountId, since: boundary - 1 }], Number.MAX_SAFE_INTEGER)).get(account.accountId) ?? [];
	return { changes: whole.filter((c) => c.version === boundary), upTo: boundary, complete: boundary >= account.current };
}

/** `accounts` are the changed ones in scope order; accounts left out of `upTo` stay where the cursor had them. */
export async function changesPage(db: Kysely<Database>, accounts: readonly ChangedAccount[], pageSize: number): Promise<ChangesPage> {
	const changes: Change[] = [];
	const upTo = new Map<string, number>();
	let hasMore = false;
	for (let from = 0; from < accounts.length; ) {
		if (changes.length >= pageSize) return { changes, upTo, hasMore: true };
		// No account in the group may take more than the room left now, so each needs at most room + 1 rows.
		const group = nextGroup(accounts, from, pageSize - changes.length);
		const fetched = await fetchAll(db, group, pageSize - changes.length + 1);
		for (const account of group) {
			const room = pageSize - changes.length;
			if (room <= 0) return { changes, upTo, hasMore: true };
			const share = await accountShare(db, account, (fetched.get(account.accountId) ?? []).slice(0, room + 1), room);
			changes.push(...share.changes.map((c) => c.change));
			upTo.set(account.accountId, share.upTo);
			hasMore ||= !share.complete;
		}
		from += group.length;
	}
	return { changes, upTo, hasMore };
}
