/**
 * What changed in a set of accounts, each since its own version, across every synced table, as protocol `Change`s
 * tagged with their account and the version that produced them. One statement a call, whatever the number of
 * accounts and tables: each change source (change-source.ts) reads at most `limit` rows per account through a
 * LATERAL `account_id = c.account_id AND version > c.since ORDER BY version LIMIT n` on an (account_id, version)
 * index, so its cost follows the changes, never the table size; the sources are joined with UNION ALL, so a pull
 * page pays one round trip for them instead of one per table.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { changedRows, putChange, type ChangeSource } from './change-source.ts';
import { licenseColumns } from './license-columns.ts';
import { preparedMark } from './prepared.ts';
import type { Database } from './schema.ts';
import type { AccountSince } from './sql-helpers.ts';
import { sharingChangeSources } from './sharing-changes.ts';
import { upgradeNotificationChanges } from './upgrade-notifications.changes.ts';
import { releaseChanges } from './releases.changes.ts';
import { contractChanges } from './contracts.changes.ts';
import { approvedDomainChanges, invitationChanges } from './members.changes.ts';
import { seatChangeSources } from './seats.changes.ts';
import type { Change, SyncedTable } from '@keyfield/shared';

export type VersionedChange = { accountId: string; version: number; change: Change };

// The account row is keyed by its own id; its sync version is `row_version`, not the counter.
const accounts: ChangeSource = {
	query: `select x.id as account_id, x.row_version as version, x.name, x.kind, x.require_two_step from accounts x
		where x.id = c.account_id and x.row_version > c.since`,
	toChange: (r) => putChange('accounts', r.version, r.account_id, { id: r.account_id, name: r.name, kind: r.kind, requireTwoStep: r.require_two_step })
};

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

const tombstones: ChangeSource = {
	query: `select x.account_id, x.version, x.table_name, x.row_id from tombstones x
		where x.account_id = c.account_id and x.version > c.since order by x.version limit c.n`,
	toChange: (r) => ({ table: r.table_name as SyncedTable, op: 'del', id: r.row_id as string }) as Change
};

/** Adding a synced table = one entry here (and one in shared `SyncedTables`). Within a version, changes keep this order. */
const changeSources: readonly ChangeSource[] = [
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

// `c` is MATERIALIZED so `n` stays a value the planner cannot see (see `changedRows`): inlined, the constant would
// be folded into every LIMIT.
const allSources = sql.raw(changeSources.map((source, i) => `select ${i} as source, to_json(t) as data from c cross join lateral (${source.query}) t`).join('\nunion all\n'));

type SourceRow = { source: number; data: { account_id: string; version: number } & Record<string, unknown> };

/**
 * The statement of `changesSince` (tests read its plan). It runs prepared (prepared.ts). `limit` on the pairs
 * changes no result (there are exactly that many) but lets Postgres keep its generic plan: without it, a plan
 * made for the real parameters sees how many pairs the array holds, a generic one guesses ten, costs ten times as
 * much, and is never chosen, so every pull planned all the sources again (1.9 ms of an incremental pull's 2.4 ms
 * in the database). With a LIMIT it cannot see, the generic plan guesses one pair, like a typical pull.
 */
export function changesSinceQuery(since: readonly AccountSince[], limit: number) {
	// The pairs go as two text parameters whatever their number, like `inUuids`.
	const ids = since.map((a) => a.accountId).join(',');
	const versions = since.map((a) => a.since).join(',');
	return sql<SourceRow>`${preparedMark('changes_since')} with c as materialized (
			select t.account_id, t.since, ${limit}::bigint as n
			from unnest(string_to_array(${ids}, ',')::uuid[], string_to_array(${versions}, ',')::int[]) as t(account_id, since)
			limit ${since.length}::int)
		${allSources}`;
}

/** Each account's changes since its `since`, at most `limit` per account and table, sorted by version (then source). */
export async function changesSince(db: Kysely<Database>, since: readonly AccountSince[], limit: number): Promise<VersionedChange[]> {
	if (since.length === 0) return [];
	const { rows } = await changesSinceQuery(since, limit).execute(db);
	rows.sort((a, b) => a.data.version - b.data.version || a.source - b.source);
	return rows.map(({ source, data }) => ({ accountId: data.account_id, version: data.version, change: changeSources[source]!.toChange(data) }));
}
