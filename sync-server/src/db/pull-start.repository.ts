/**
 * What a pull page starts from, in one statement (a pull pays it on every page, and each statement is a round
 * trip): the user's scope with each account's current version, and the versions of the cursor the client sent —
 * none when that cursor is not this client's (unknown, expired, or another client's), so the pull starts from zero.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { scopeQuery } from './scope.repository.ts';

export type PullStart = { scope: string[]; current: Map<string, number>; base: Map<string, number> };

const NO_CURSOR = '00000000-0000-0000-0000-000000000000';

export async function pullStart(db: Kysely<Database>, userId: string, clientId: string, cursorId: string | null): Promise<PullStart> {
	const rows = await db
		.with('scope', () => scopeQuery(db, userId))
		.with('cursor', (w) => w.selectFrom('pull_cursors').select('id').where('id', '=', cursorId ?? NO_CURSOR).where('client_id', '=', clientId))
		.selectFrom('scope')
		.leftJoin('accounts', 'accounts.id', 'scope.account_id')
		.select([sql<'scope' | 'cursor'>`'scope'`.as('kind'), 'scope.account_id', 'accounts.version'])
		.unionAll((w) =>
			w
				.selectFrom('pull_cursor_versions')
				.innerJoin('cursor', 'cursor.id', 'pull_cursor_versions.cursor_id')
				.select([sql<'cursor'>`'cursor'`.as('kind'), 'pull_cursor_versions.account_id', 'pull_cursor_versions.version'])
		)
		.execute();
	const current = new Map<string, number>();
	const base = new Map<string, number>();
	for (const row of rows) {
		if (row.kind === 'scope') current.set(row.account_id, row.version ?? 0);
		else base.set(row.account_id, row.version!);
	}
	return { scope: [...current.keys()].sort(), current, base };
}
