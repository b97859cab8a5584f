/**
 * The journal: one row per state change, written in the same transaction as the change, append-only and
 * hash-chained per account. Each append is one statement: an upsert of the account's chain head (which takes the
 * head's row lock, so appends to one chain queue and the head they read is the latest committed one, also under
 * READ COMMITTED) and the insert of the row with the head's previous hash, the new hash and the position.
 * hash = sha256(prev_hash || sha256(content)); content is the row's own columns as a jsonb array (canonical text).
 * Tampering shows in `verifyChain`: a changed row no longer hashes to its stored hash, a deleted one leaves a gap.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
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

/** Appends a journal row in its own statement. */
export async function recordActivity(db: Kysely<Database>, entry: ActivityEntry): Promise<void> {
	await sql`with ${journalAppend(entry, null)} select 1`.execute(db);
}

/** For a write that folds the journal into its own statement: CTEs to put after `with`, appending only when the CTE
 * `ifRowsIn` (a write's RETURNING, zero or one row) has a row, so no journal row is left for a write that did not
 * take place. Raw SQL rather than a query builder: push builds it per mutation, and building showed in profiles. */
export function journalInsertIf(entry: ActivityEntry, ifRowsIn: string) {
	return journalAppend(entry, ifRowsIn);
}

function journalAppend(entry: ActivityEntry, ifRowsIn: string | null): RawBuilder<unknown> {
	const chain = entry.accountId ?? NIL_CHAIN;
	return sql`journal_entry as (
			select ${entry.userId ?? null}::uuid as user_id, ${entry.accountId ?? null}::uuid as account_id, ${entry.action}::text as action,
				${JSON.stringify(entry.details ?? {})}::jsonb as details, ${entry.ip ?? null}::text as ip, ${entry.clientId ?? null}::uuid as client_id,
				${entry.mutationId ?? null}::integer as mutation_id, now() as at
			${ifRowsIn === null ? sql`` : sql`where exists (select 1 from ${sql.table(ifRowsIn)})`}),
		journal_content as (select ${contentHash('journal_entry')} as hash from journal_entry),
		journal_head as (
			insert into activity_heads (chain_id, seq, prev_hash, hash)
			select ${chain}::uuid, 1, null, sha256(hash) from journal_content
			on conflict (chain_id) do update set seq = activity_heads.seq + 1, prev_hash = activity_heads.hash,
				hash = sha256(activity_heads.hash || (select hash from journal_content))
			returning seq, prev_hash, hash),
		journal as (
			insert into activity (user_id, account_id, action, details, ip, client_id, mutation_id, at, chain_seq, prev_hash, hash)
			select e.user_id, e.account_id, e.action, e.details, e.ip, e.client_id, e.mutation_id, e.at, h.seq, h.prev_hash, h.hash
			from journal_entry e, journal_head h)`;
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
