/**
 * What changed in a set of accounts, each since its own version, per synced table, as protocol `Change`s tagged
 * with their account and the version that produced them. Each query takes many accounts at once (so a pull costs a
 * few statements per page, not a few per account) and reads at most `limit` rows per account through a LATERAL
 * `account_id = c.account_id AND version > c.since ORDER BY version LIMIT n` on an (account_id, version) index, so
 * its cost follows the changes, never the table size.
 */
import type { Change, SyncedTable } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { accountSinceTable, type AccountSince } from './sql-helpers.ts';

type Db = Kysely<Database>;
export type VersionedChange = { accountId: string; version: number; change: Change };
type Fetch = (db: Db, accounts: readonly AccountSince[], limit: number) => Promise<VersionedChange[]>;

const put = (table: SyncedTable, version: number, row: Record<string, unknown> & { id: string; accountId: string }): VersionedChange => ({
	accountId: row.accountId,
	version,
	change: { table, op: 'put', row: { ...row, version } } as Change
});

// The account row is keyed by its own id; its sync version is `row_version`, not the counter.
const accounts: Fetch = async (db, since) => {
	const rows = await db
		.selectFrom(accountSinceTable(since))
		.innerJoin('accounts', 'accounts.id', 'c.account_id')
		.select(['accounts.id', 'accounts.name', 'accounts.kind', 'accounts.row_version'])
		.whereRef('accounts.row_version', '>', 'c.since')
		.execute();
	return rows.map((r) => put('accounts', r.row_version, { id: r.id, accountId: r.id, name: r.name, kind: r.kind }));
};

const memberships: Fetch = async (db, since, limit) => {
	const rows = await db
		.selectFrom(accountSinceTable(since))
		.innerJoinLateral(
			(eb) =>
				eb
					.selectFrom('memberships')
					.innerJoin('users', 'users.id', 'memberships.user_id')
					.select(['memberships.id', 'memberships.account_id', 'memberships.version', 'memberships.user_id', 'users.email', 'memberships.role'])
					.whereRef('memberships.account_id', '=', 'c.account_id')
					.whereRef('memberships.version', '>', 'c.since')
					.orderBy('memberships.version')
					.limit(limit)
					.as('m'),
			(join) => join.onTrue()
		)
		.selectAll('m')
		.execute();
	return rows.map((r) => put('memberships', r.version, { id: r.id, accountId: r.account_id, userId: r.user_id, email: r.email, role: r.role }));
};

const products: Fetch = async (db, since, limit) => {
	const rows = await db
		.selectFrom(accountSinceTable(since))
		.innerJoinLateral(
			(eb) =>
				eb
					.selectFrom('products')
					.select(['id', 'account_id', 'version', 'sku', 'name', 'product_version'])
					.whereRef('products.account_id', '=', 'c.account_id')
					.whereRef('products.version', '>', 'c.since')
					.orderBy('version')
					.limit(limit)
					.as('p'),
			(join) => join.onTrue()
		)
		.selectAll('p')
		.execute();
	return rows.map((r) => put('products', r.version, { id: r.id, accountId: r.account_id, sku: r.sku, name: r.name, productVersion: r.product_version }));
};

const licenses: Fetch = async (db, since, limit) => {
	const rows = await db
		.selectFrom(accountSinceTable(since))
		.innerJoinLateral(
			(eb) =>
				eb
					.selectFrom('licenses')
					.selectAll()
					.whereRef('licenses.account_id', '=', 'c.account_id')
					.whereRef('licenses.version', '>', 'c.since')
					.orderBy('version')
					.limit(limit)
					.as('l'),
			(join) => join.onTrue()
		)
		.selectAll('l')
		.execute();
	return rows.map((r) =>
		put('licenses', r.version, {
			id: r.id,
			accountId: r.account_id,
			certificateId: r.certificate_id,
			sku: r.sku,
			productName: r.product_name,
			productVersion: r.product_version,
			serial: r.serial,
			seats: r.seats,
			maintenanceEnd: r.maintenance_end,
			key: r.key,
			registration: r.registration,
			hostId: r.host_id,
			status: r.status,
			createdAt: new Date(r.created_at).toISOString()
		})
	);
};

const tombstones: Fetch = async (db, since, limit) => {
	const rows = await db
		.selectFrom(accountSinceTable(since))
		.innerJoinLateral(
			(eb) =>
				eb
					.selectFrom('tombstones')
					.select(['account_id', 'version', 'table_name', 'row_id'])
					.whereRef('tombstones.account_id', '=', 'c.account_id')
					.whereRef('tombstones.version', '>', 'c.since')
					.orderBy('version')
					.limit(limit)
					.as('t'),
			(join) => join.onTrue()
		)
		.selectAll('t')
		.execute();
	return rows.map((r) => ({ accountId: r.account_id, version: r.version, change: { table: r.table_name as SyncedTable, op: 'del', id: r.row_id } as Change }));
};

/** Adding a synced table = one entry here (and one in shared `SyncedTables`). */
export const changeSources: readonly Fetch[] = [accounts, memberships, products, licenses, tombstones];
