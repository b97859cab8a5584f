/**
 * What changed in a set of accounts, each since its own version, per synced table, as protocol `Change`s tagged
 * with their account and the version that produced them. Each query takes many accounts at once (so a pull costs a
 * few statements per page, not a few per account) and reads at most `limit` rows per account through a LATERAL
 * `account_id = c.account_id AND version > c.since ORDER BY version LIMIT n` on an (account_id, version) index, so
 * its cost follows the changes, never the table size.
 */
import type { Change, SyncedTable } from '@keyfield/shared';
import { licenseColumns } from './license-columns.ts';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.ts';
import { accountSinceTable, type AccountSince } from './sql-helpers.ts';
import { sharingChangeSources } from './sharing-changes.ts';
import { upgradeNotificationChanges } from './upgrade-notifications.changes.ts';
import { releaseChanges } from './releases.changes.ts';
import { contractChanges } from './contracts.changes.ts';
import { approvedDomainChanges, invitationChanges } from './members.changes.ts';
import { seatChangeSources } from './seats.changes.ts';

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
		.select(['accounts.id', 'accounts.name', 'accounts.kind', 'accounts.row_version', 'accounts.require_two_step'])
		.whereRef('accounts.row_version', '>', 'c.since')
		.execute();
	return rows.map((r) => put('accounts', r.row_version, { id: r.id, accountId: r.id, name: r.name, kind: r.kind, requireTwoStep: r.require_two_step }));
};

/**
 * A synced table's rows changed since each account's cursor: `from` names the table as `x` (joins allowed),
 * `columns` what to read. Raw SQL, one shape for every table, so adding a table is a line, not a copy of this query.
 */
export function changedRows<R extends { account_id: string; version: number }>(
	from: string,
	columns: string,
	toRow: (r: R) => Record<string, unknown> & { id: string },
	/** For a table whose account column is named otherwise (select it `as account_id`), and rows to leave out. */
	options: { accountColumn?: string; where?: string } = {}
): Fetch {
	const table = from.split(' ')[0] as SyncedTable;
	const accountColumn = sql.raw(`x.${options.accountColumn ?? 'account_id'}`);
	const where = sql.raw(options.where ? `and ${options.where}` : '');
	return async (db, since, limit) => {
		const { rows } = await sql<R>`select t.* from ${accountSinceTable(since)} cross join lateral (
			select ${sql.raw(columns)} from ${sql.raw(from)}
			where ${accountColumn} = c.account_id and x.version > c.since ${where} order by x.version limit ${limit}) t`.execute(db);
		return rows.map((r) => put(table, r.version, { ...toRow(r), accountId: r.account_id }));
	};
}

const memberships = changedRows<{ id: string; account_id: string; version: number; user_id: string; email: string; role: string }>(
	'memberships x join users u on u.id = x.user_id',
	'x.id, x.account_id, x.version, x.user_id, u.email, x.role',
	(r) => ({ id: r.id, userId: r.user_id, email: r.email, role: r.role })
);

const products = changedRows<Selectable<Database['products']>>('products x', 'x.*', (r) => ({
	id: r.id,
	sku: r.sku,
	name: r.name,
	productVersion: r.product_version
}));

const licenses = changedRows<Selectable<Database['licenses']>>('licenses x', 'x.*', (r) => ({
	id: r.id,
	origin: r.origin,
	sourceId: r.source_id,
	certificateId: r.certificate_id,
	...licenseColumns(r),
	createdAt: new Date(r.created_at).toISOString()
}));

// An agreement's products travel inside its row: a draw-down re-stamps the agreement, so its counts arrive with it.
const agreements = changedRows<Selectable<Database['agreements']> & { products: unknown }>(
	'agreements x',
	`x.*, (select coalesce(json_agg(json_build_object('sku', p.sku, 'name', pr.name, 'seatCap', p.seat_cap, 'seatsUsed', p.seats_used)
		order by p.sku), '[]') from agreement_products p join products pr on pr.sku = p.sku where p.agreement_id = x.id) as products`,
	(r) => ({ id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on, licensee: r.licensee, products: r.products })
);

const agreementEvents = changedRows<Selectable<Database['agreement_events']>>('agreement_events x', 'x.*', (r) => ({
	id: r.id,
	agreementId: r.agreement_id,
	sku: r.sku,
	kind: r.kind,
	seats: r.seats,
	licenseId: r.license_id,
	userEmail: r.user_email,
	at: new Date(r.at).toISOString()
}));

const hostActivations = changedRows<Selectable<Database['host_activations']> & { activated_by_email: string | null; deactivated_by_email: string | null }>(
	'host_activations x left join users a on a.id = x.activated_by left join users d on d.id = x.deactivated_by',
	'x.*, a.email as activated_by_email, d.email as deactivated_by_email',
	(r) => ({
		id: r.id,
		licenseId: r.license_id,
		hostId: r.host_id,
		key: r.key,
		activatedAt: new Date(r.activated_at).toISOString(),
		activatedBy: r.activated_by,
		activatedByEmail: r.activated_by_email,
		deactivatedAt: r.deactivated_at && new Date(r.deactivated_at).toISOString(),
		deactivatedByEmail: r.deactivated_by_email,
		movedTo: r.moved_to
	})
);

// Live delegations only: a revoked one leaves a tombstone at the version that revoked it.
const delegations = changedRows<Selectable<Database['delegations']> & { account_id: string; partner_name: string }>(
	'delegations x join accounts p on p.id = x.partner_account_id',
	'x.id, x.customer_account_id as account_id, x.version, x.partner_account_id, p.name as partner_name, x.scope, x.granted_by, x.created_at',
	(r) => ({ id: r.id, partnerAccountId: r.partner_account_id, partnerName: r.partner_name, scope: r.scope, grantedBy: r.granted_by, grantedAt: new Date(r.created_at).toISOString() }),
	{ accountColumn: 'customer_account_id', where: 'x.revoked_at is null' }
);

const tombstones: Fetch = async (db, since, limit) => {
	const { rows } = await sql<{ account_id: string; version: number; table_name: string; row_id: string }>`select t.* from ${accountSinceTable(since)}
		cross join lateral (select x.account_id, x.version, x.table_name, x.row_id from tombstones x
			where x.account_id = c.account_id and x.version > c.since order by x.version limit ${limit}) t`.execute(db);
	return rows.map((r) => ({ accountId: r.account_id, version: r.version, change: { table: r.table_name as SyncedTable, op: 'del', id: r.row_id } as Change }));
};

/** Adding a synced table = one entry here (and one in shared `SyncedTables`). */
export const changeSources: readonly Fetch[] = [
	accounts,
	memberships,
	products,
	licenses,
	upgradeNotificationChanges,
	hostActivations,
	agreements,
	agreementEvents,
	...sharingChangeSources,
	releaseChanges,
	contractChanges,
	invitationChanges,
	approvedDomainChanges,
	...seatChangeSources,
	delegations,
	tombstones
];
