/**
 * What changed in one account since a version, per synced table, as protocol `Change`s tagged with the version
 * that produced them. Every query is `account_id = $1 AND version > $2 ORDER BY version LIMIT n` on an
 * (account_id, version) index, so its cost follows the changes, never the table size.
 */
import type { Change, SyncedTable } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;
export type VersionedChange = { version: number; change: Change };
type Fetch = (db: Db, accountId: string, since: number, limit: number) => Promise<VersionedChange[]>;

const put = (table: SyncedTable, version: number, row: Record<string, unknown> & { id: string; accountId: string }) => ({
	version,
	change: { table, op: 'put', row: { ...row, version } } as Change
});

// The account row is keyed by its own id; its sync version is `row_version`, not the counter.
const accounts: Fetch = async (db, accountId, since) => {
	const rows = await db
		.selectFrom('accounts')
		.select(['id', 'name', 'kind', 'row_version'])
		.where('id', '=', accountId)
		.where('row_version', '>', since)
		.execute();
	return rows.map((r) => put('accounts', r.row_version, { id: r.id, accountId: r.id, name: r.name, kind: r.kind }));
};

const memberships: Fetch = async (db, accountId, since, limit) => {
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.user_id')
		.select(['memberships.id', 'memberships.version', 'memberships.user_id', 'users.email', 'memberships.role'])
		.where('memberships.account_id', '=', accountId)
		.where('memberships.version', '>', since)
		.orderBy('memberships.version')
		.limit(limit)
		.execute();
	return rows.map((r) => put('memberships', r.version, { id: r.id, accountId, userId: r.user_id, email: r.email, role: r.role }));
};

const products: Fetch = async (db, accountId, since, limit) => {
	const rows = await db
		.selectFrom('products')
		.select(['id', 'version', 'sku', 'name', 'product_version'])
		.where('account_id', '=', accountId)
		.where('version', '>', since)
		.orderBy('version')
		.limit(limit)
		.execute();
	return rows.map((r) => put('products', r.version, { id: r.id, accountId, sku: r.sku, name: r.name, productVersion: r.product_version }));
};

const licenses: Fetch = async (db, accountId, since, limit) => {
	const rows = await db
		.selectFrom('licenses')
		.selectAll()
		.where('account_id', '=', accountId)
		.where('version', '>', since)
		.orderBy('version')
		.limit(limit)
		.execute();
	return rows.map((r) =>
		put('licenses', r.version, {
			id: r.id,
			accountId,
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

const tombstones: Fetch = async (db, accountId, since, limit) => {
	const rows = await db
		.selectFrom('tombstones')
		.select(['version', 'table_name', 'row_id'])
		.where('account_id', '=', accountId)
		.where('version', '>', since)
		.orderBy('version')
		.limit(limit)
		.execute();
	return rows.map((r) => ({ version: r.version, change: { table: r.table_name as SyncedTable, op: 'del', id: r.row_id } as Change }));
};

/** Adding a synced table = one entry here (and one in shared `SyncedTables`). */
export const changeSources: readonly Fetch[] = [accounts, memberships, products, licenses, tombstones];
