/**
 * Pull cursors: the per-account versions a client has received, kept here so the cursor string only names a row.
 * Cursors are immutable snapshots, so re-sending an older cursor after a lost response is safe; a client keeps
 * only its few newest ones.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;
const KEEP_PER_CLIENT = 4;

/** One statement: the cursor, its versions, and the client's older cursors beyond the newest few dropped (a pull
 * pays it on every page, so round trips count). */
export async function insertCursor(db: Db, cursorId: string, clientId: string, versions: Map<string, number>): Promise<void> {
	// Two text parameters whatever the scope (thousands of accounts for a partner): cheap to build and to bind.
	const ids = [...versions.keys()].join(',');
	const numbers = [...versions.values()].join(',');
	// The foreign key of the versions is checked at the end of the statement, when the new cursor row is there. The
	// DELETE's snapshot does not show the new cursor, so it keeps the KEEP_PER_CLIENT - 1 newest older ones.
	await sql`
		with cursor as (insert into pull_cursors (id, client_id) values (${cursorId}::uuid, ${clientId}::uuid)),
		cursor_versions as (
			insert into pull_cursor_versions (cursor_id, account_id, version)
			select ${cursorId}::uuid, t.account_id, t.version
			from unnest(string_to_array(${ids}, ',')::uuid[], string_to_array(${numbers}, ',')::int[]) as t(account_id, version))
		delete from pull_cursors where client_id = ${clientId}::uuid and id not in (
			select id from pull_cursors where client_id = ${clientId}::uuid order by seq desc limit ${KEEP_PER_CLIENT - 1})`.execute(db);
}
