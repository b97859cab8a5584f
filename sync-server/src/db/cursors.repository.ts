/**
 * Pull cursors: the per-account versions a client has received, kept here so the cursor string only names a row.
 * Cursors are immutable snapshots, so re-sending an older cursor after a lost response is safe; a client keeps
 * only its few newest ones.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;
const KEEP_PER_CLIENT = 4;

export async function cursorVersions(db: Db, cursorId: string, clientId: string): Promise<Map<string, number> | null> {
	const cursor = await db.selectFrom('pull_cursors').select('id').where('id', '=', cursorId).where('client_id', '=', clientId).executeTakeFirst();
	if (!cursor) return null;
	const rows = await db.selectFrom('pull_cursor_versions').select(['account_id', 'version']).where('cursor_id', '=', cursorId).execute();
	return new Map(rows.map((r) => [r.account_id, r.version]));
}

export async function insertCursor(db: Db, cursorId: string, clientId: string, versions: Map<string, number>): Promise<void> {
	await db.insertInto('pull_cursors').values({ id: cursorId, client_id: clientId }).execute();
	// Two text parameters whatever the scope (thousands of accounts for a partner): cheap to build and to bind.
	const ids = [...versions.keys()].join(',');
	const numbers = [...versions.values()].join(',');
	await sql`
		insert into pull_cursor_versions (cursor_id, account_id, version)
		select ${cursorId}::uuid, t.account_id, t.version
		from unnest(string_to_array(${ids}, ',')::uuid[], string_to_array(${numbers}, ',')::int[]) as t(account_id, version)`.execute(db);
	const keep = db.selectFrom('pull_cursors').select('id').where('client_id', '=', clientId).orderBy('seq', 'desc').limit(KEEP_PER_CLIENT);
	await db.deleteFrom('pull_cursors').where('client_id', '=', clientId).where('id', 'not in', keep).execute();
}
