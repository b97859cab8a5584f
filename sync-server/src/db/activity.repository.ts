/**
 * The journal: one row per state change, written in the same transaction as the change, append-only and
 * hash-chained per account. hash = sha256(prev_hash || sha256(content)); content is the row's own columns as a
 * jsonb array (canonical text). `activity_heads` holds each chain's last link.
 * Appending takes two statements whatever the number of rows: the first locks the chains' heads (a no-op upsert,
 * which also creates a missing head as an empty placeholder), so appends to one chain queue and read the latest
 * committed head, also under READ COMMITTED; the second inserts the rows with their links and moves the heads.
 * A push gathers its mutations' rows and appends them once at the end (see PushBatch): the head is then locked only
 * from the end of the batch to its commit, and a batch of 100 costs two statements, not 100 upserts of one head.
 * Tampering shows in `verifyChain`: a changed row no longer hashes to its stored hash, a deleted one leaves a gap.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type ActivityEntry = {
	userId?: string | null;
	accountId?: string | null;
	action: string;
	details?: Record<string, unknown>;
	ip?: string | null;
	clientId?: string | null;
	mutationId?: number | null;
};

/** The chain of rows without an account (sign-ins, catalog changes). */
export const NIL_CHAIN = '00000000-0000-0000-0000-000000000000';

/** The content hash of a row of `source` (a table or CTE with the activity columns); the same in append and verify. */
const contentHash = (source: string) =>
	sql.raw(`sha256(convert_to(jsonb_build_array(${source}.user_id, ${source}.account_id, ${source}.action, ${source}.details,
		${source}.ip, ${source}.client_id, ${source}.mutation_id, floor(extract(epoch from ${source}.at) * 1000000)::bigint)::text, 'UTF8'))`);

/** Appends one journal row. */
export function recordActivity(db: Kysely<Database>, entry: ActivityEntry): Promise<void> {
	return appendActivities(db, [entry]);
}

/** Appends journal rows in their order, each chain continuing from its head. */
export async function appendActivities(db: Kysely<Database>, entries: readonly ActivityEntry[]): Promise<void> {
	if (entries.length === 0) return;
	// The head lock must last until the rows are in: outside a transaction, open one for the two statements.
	if (!db.isTransaction) return db.transaction().execute((tx) => appendActivities(tx, entries));
	const rows = entries.map((e) => ({
		user_id: e.userId ?? null,
		account_id: e.accountId ?? null,
		action: e.action,
		details: e.details ?? {},
		ip: e.ip ?? null,
		client_id: e.clientId ?? null,
		mutation_id: e.mutationId ?? null
	}));
	const chains = [...new Set(rows.map((r) => r.account_id ?? NIL_CHAIN))].sort();
	await sql`insert into activity_heads (chain_id, seq, prev_hash, hash)
		select chain_id, 0, null, ''::bytea from unnest(${chains}::uuid[]) as chain_id order by chain_id
		on conflict (chain_id) do update set seq = activity_heads.seq`.execute(db);
	await sql`with recursive
		entries as (
			select e.*, now() as at, coalesce(e.account_id, ${NIL_CHAIN}::uuid) as chain_id,
				row_number() over (partition by coalesce(e.account_id, ${NIL_CHAIN}::uuid) order by e.ord) as n
			from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
				as (user_id uuid, account_id uuid, action text, details jsonb, ip text, client_id uuid, mutation_id integer))
				with ordinality as e(user_id, account_id, action, details, ip, client_id, mutation_id, ord)),
		content as (select e.*, ${contentHash('e')} as content_hash from entries e),
		links as (
			select c.chain_id, c.n, h.seq + 1 as seq, case when h.seq = 0 then null else h.hash end as prev_hash, sha256(h.hash || c.content_hash) as hash
			from content c join activity_heads h on h.chain_id = c.chain_id where c.n = 1
			union all
			select c.chain_id, c.n, l.seq + 1, l.hash, sha256(l.hash || c.content_hash)
			from links l join content c on c.chain_id = l.chain_id and c.n = l.n + 1),
		inserted as (
			insert into activity (user_id, account_id, action, details, ip, client_id, mutation_id, at, chain_seq, prev_hash, hash)
			select c.user_id, c.account_id, c.action, c.details, c.ip, c.client_id, c.mutation_id, c.at, l.seq, l.prev_hash, l.hash
			from content c join links l on l.chain_id = c.chain_id and l.n = c.n order by c.ord)
		update activity_heads h set seq = last.seq, prev_hash = last.prev_hash, hash = last.hash
		from (select distinct on (chain_id) chain_id, seq, prev_hash, hash from links order by chain_id, n desc) last
		where h.chain_id = last.chain_id`.execute(db);
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: { seq: number; id: number; reason: 'hash' | 'link' | 'gap' | 'head' } };

/** Recomputes an account's chain (or NIL_CHAIN's) from its rows: every hash, every link, no gap, the head at the end. */
export async function verifyChain(db: Kysely<Database>, chainId: string): Promise<ChainCheck> {
	const rows = await sql<{ id: string; seq: string; ok_hash: boolean; ok_link: boolean; expected_seq: string }>`
		select id, chain_seq as seq,
			hash = sha256(coalesce(prev_hash, ''::bytea) || ${contentHash('a')}) as ok_hash,
			prev_hash is not distinct from lag(hash) over w as ok_link,
			row_number() over w as expected_seq
		from activity a
		where coalesce(account_id, ${NIL_CHAIN}::uuid) = ${chainId}::uuid and chain_seq is not null
		window w as (order by chain_seq)
		order by chain_seq`.execute(db);
	for (const row of rows.rows) {
		const reason = String(row.seq) !== String(row.expected_seq) ? 'gap' : !row.ok_hash ? 'hash' : !row.ok_link ? 'link' : null;
		if (reason) return { ok: false, rows: rows.rows.length, brokenAt: { seq: Number(row.seq), id: Number(row.id), reason } };
	}
	const head = await db.selectFrom('activity_heads').select(['seq']).where('chain_id', '=', chainId).executeTakeFirst();
	const last = rows.rows.at(-1);
	if (String(head?.seq ?? '0') !== String(last?.seq ?? '0')) {
		return { ok: false, rows: rows.rows.length, brokenAt: { seq: Number(head?.seq ?? 0), id: Number(last?.id ?? 0), reason: 'head' } };
	}
	return { ok: true, rows: rows.rows.length };
}
