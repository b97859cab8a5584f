/**
 * A change source: one synced table's rows changed in an account since a version, as a SELECT that
 * changes.repository.ts runs LATERAL per account (the accounts as table `c`: account_id, since, n) and combines with
 * every other source into one statement per pull page.
 */
import type { Change, SyncedTable } from '@keyfield/shared';

/** A row as `to_json` hands it over: timestamps arrive as ISO-8601 text, not `Date`s. */
export type JsonRow<R> = { [K in keyof R]: R[K] extends Date ? string : R[K] extends Date | null ? string | null : R[K] };

export type ChangeSource = {
	/** At most `c.n` rows of account `c.account_id` with version > `c.since`, in version order, each with the columns
	 * `account_id` and `version`. */
	query: string;
	toChange(row: { account_id: string; version: number } & Record<string, unknown>): Change;
};

/** `row` is the mapper's own new object: stamped in place rather than copied (10,000 rows in an initial pull). */
export function putChange(table: SyncedTable, version: number, accountId: string, row: Record<string, unknown> & { id: string }): Change {
	row.accountId = accountId;
	row.version = version;
	return { table, op: 'put', row } as Change;
}

/**
 * A synced table's rows changed since each account's cursor: `from` names the table as `x` (joins allowed),
 * `columns` what to read. One shape for every table, so adding a table is a line, not a copy of this query.
 * `limit c.n` rather than a constant: the planner cannot know how many rows one account has for a LATERAL
 * parameter (it guesses a few dozen), and with a constant limit above its guess it plans to read every row past
 * `since` and sort them — each page of a 10,000-license initial pull then re-read all the account's remaining
 * licenses. A limit it cannot see makes it plan for stopping early: an index scan in version order on
 * (account_id, version) that reads only the rows it returns.
 */
export function changedRows<R extends { account_id: string; version: number }>(
	from: string,
	columns: string,
	toRow: (r: JsonRow<R>) => Record<string, unknown> & { id: string },
	/** For a table whose account column is named otherwise (select it `as account_id`), rows to leave out, and a
	 * synced table named otherwise than the SQL one. */
	options: { accountColumn?: string; where?: string; table?: SyncedTable } = {}
): ChangeSource {
	const table = options.table ?? (from.split(' ')[0] as SyncedTable);
	const where = options.where ? `and ${options.where}` : '';
	return {
		query: `select ${columns} from ${from}
			where x.${options.accountColumn ?? 'account_id'} = c.account_id and x.version > c.since ${where} order by x.version limit c.n`,
		toChange: (r) => putChange(table, r.version, r.account_id, toRow(r as unknown as JsonRow<R>))
	};
}
