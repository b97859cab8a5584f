/**
 * Applying one pull page (DESIGN §4), in ONE transaction: rows, tombstones, the purge of accounts gone from
 * scope, the acknowledged outbox entries and the cursor move together, so a crash or a reader in another tab
 * never sees half a page, and a pending placeholder turns into its server row without a flicker or a twin.
 */
import { Operations, type PullResponse } from '@keyfield/shared';
import type { KeyfieldDb, OutboxEntry } from '../db/db.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { clientEntries } from '../ops/outbox.ts';

type Put = { id: string; accountId: string; version: number };

/**
 * The last change per (table, id) wins, so a page becomes one bulkPut and one bulkDelete per table. A put of a row
 * of an account outside the page's scope becomes a delete: the device keeps no such row (as if put, then purged).
 */
function finalChanges(changes: PullResponse['changes'], scope: ReadonlySet<string>) {
	const byTable = new Map<string, Map<string, Put | null>>();
	for (const change of changes) {
		const table = byTable.get(change.table) ?? new Map<string, Put | null>();
		byTable.set(change.table, table);
		if (change.op === 'del') table.set(change.id, null);
		else table.set(change.row.id, scope.has(change.row.accountId) ? change.row : null);
	}
	return byTable;
}

/** License ids that queued "Get a key" operations are waiting for. */
function awaitedLicenseIds(entries: OutboxEntry[]): Set<string> {
	const ids = new Set<string>();
	for (const entry of entries) {
		if (entry.name !== 'license.requestKey') continue;
		const args = Operations['license.requestKey'].safeParse(entry.args);
		if (args.success) ids.add(args.data.licenseId);
	}
	return ids;
}

/**
 * Whether rows of an account outside `scope` may be on the device. The server tables only ever hold rows of the
 * scope recorded with the last page (puts are filtered by it, and a pull from no cursor starts empty), so only an
 * account leaving the scope — or no scope recorded yet — calls for a purge. Purging unconditionally cost a cursor
 * over each of the ~20 server tables on every page of a first sync.
 */
function scopeShrank(recorded: string[] | undefined, scope: ReadonlySet<string>): boolean {
	return recorded === undefined || recorded.some((accountId) => !scope.has(accountId));
}

function sameScope(recorded: string[] | undefined, scope: readonly string[]): boolean {
	return recorded !== undefined && recorded.length === scope.length && recorded.every((accountId, i) => accountId === scope[i]);
}

/**
 * Returns the ids of licenses that were pending in the outbox and arrived in this page.
 * `fresh` (a pull from no cursor) replaces everything: rows the server no longer has send no tombstone then.
 * `userId` is who the pull was made for: if they signed out meanwhile, the page is dropped, not written back.
 */
export function applyPullPage(db: KeyfieldDb, userId: string, clientId: string, page: PullResponse, fresh: boolean): Promise<string[]> {
	const tables = db.serverTables;
	const scope = new Set(page.scope);
	const byTable = finalChanges(page.changes, scope);
	return db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
		// Read together: each read is a round trip to IndexedDB, and this runs once per page.
		const [user, entries, recordedScope] = await Promise.all([getMeta(db, 'user'), clientEntries(db, clientId), getMeta(db, 'scope')]);
		if (user?.id !== userId) return [];
		const awaited = awaitedLicenseIds(entries);
		const arrived: string[] = [];
		if (fresh) await Promise.all(tables.map((table) => table.clear()));
		else if (scopeShrank(recordedScope, scope)) await Promise.all(tables.map((table) => table.where('accountId').noneOf(page.scope).delete()));
		for (const [name, changes] of byTable) {
			const table = db.table<Put, string>(name);
			const puts = [...changes.values()].filter((row): row is Put => row !== null);
			const dels = [...changes].filter(([, row]) => row === null).map(([id]) => id);
			if (puts.length > 0) await table.bulkPut(puts);
			if (dels.length > 0) await table.bulkDelete(dels);
			if (name === 'licenses') arrived.push(...puts.map((row) => row.id).filter((id) => awaited.has(id)));
		}
		if (!sameScope(recordedScope, page.scope)) await setMeta(db, 'scope', page.scope);
		const acknowledged = entries.filter((e) => e.appliedAt && e.id <= page.lastMutationId).map((e) => [e.clientId, e.id] as [string, number]);
		if (acknowledged.length > 0) await db.outbox.bulkDelete(acknowledged);
		await setMeta(db, 'cursor', { clientId, cursor: page.cursor });
		return arrived;
	});
}
