import { sql, type Kysely } from 'kysely';
import type { AccountsTable, Database } from './schema.ts';

type Db = Kysely<Database>;

export const POKE_CHANNEL = 'keyfield_poke';

/**
 * Takes the account's next version inside the writing transaction. The row lock taken by the UPDATE makes
 * version order commit order per account. The NOTIFY is transactional: it is sent on commit and never for a
 * rolled-back write, and it reaches every process LISTENing (see sync/pokes.ts).
 * `rowChanged` also stamps the account row itself, which syncs as a row of its own.
 */
export async function bumpAccountVersion(db: Db, accountId: string, rowChanged = false): Promise<number> {
	const row = await bumpQuery(db, accountId, rowChanged).executeTakeFirst();
	if (!row) throw new Error(`account ${accountId} does not exist`);
	return row.version;
}

function bumpQuery(db: Db, accountId: string, rowChanged = false) {
	return db
		.updateTable('accounts')
		.set((eb) => ({
			version: eb('version', '+', 1),
			...(rowChanged ? { row_version: eb('version', '+', 1) } : {})
		}))
		.where('id', '=', accountId)
		.returning(['version', sql<string>`pg_notify(${POKE_CHANNEL}, id::text)`.as('poked')]);
}

/**
 * The version a write stamps on its rows, as the body of a CTE with a `version` column, so the write and the
 * bump share one statement: `taken` is the version this transaction already holds for the account (its row
 * lock is kept until commit, so reusing it keeps version order commit order), else the counter is bumped now.
 */
export function accountVersionSource(db: Db, accountId: string, taken: number | null) {
	return taken === null ? bumpQuery(db, accountId) : sql`select ${taken}::int as version`;
}

export async function insertAccount(db: Db, account: { id: string; name: string; kind: AccountsTable['kind'] }): Promise<void> {
	await db.insertInto('accounts').values(account).execute();
	await bumpAccountVersion(db, account.id, true);
}

export async function accountExists(db: Db, id: string): Promise<boolean> {
	return (await db.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertMembership(
	db: Db,
	membership: { id: string; accountId: string; userId: string; role: 'admin' | 'member' | 'technician' }
): Promise<void> {
	const version = await bumpAccountVersion(db, membership.accountId);
	await db
		.insertInto('memberships')
		.values({ id: membership.id, account_id: membership.accountId, user_id: membership.userId, role: membership.role, version })
		.execute();
}

export async function findMembership(db: Db, accountId: string, userId: string) {
	return db
		.selectFrom('memberships')
		.select(['id', 'role'])
		.where('account_id', '=', accountId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}
