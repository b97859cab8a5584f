/**
 * Pull cursors: the per-account versions a client has received, kept here so the cursor string only names a row.
 * Cursors are immutable snapshots, so re-sending an older cursor after a lost response is safe; a client keeps
 * only its few newest ones.
 */
import type { Kysely } from 'kysely';
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
	const rows = [...versions].map(([account_id, version]) => ({ cursor_id: cursorId, account_id, version }));
	// Chunks keep each statement well under the bind-parameter limit for partners with thousands of accounts.
	for (let i = 0; i < rows.length; i += 5000) {
		await db.insertInto('pull_cursor_versions').values(rows.slice(i, i + 5000)).execute();
	}
	const keep = db.selectFrom('pull_cursors').select('id').where('client_id', '=', clientId).orderBy('seq', 'desc').limit(KEEP_PER_CLIENT);
	await db.deleteFrom('pull_cursors').where('client_id', '=', clientId).where('id', 'not in', keep).execute();
}
