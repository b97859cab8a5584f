/** SQL of the mail outbox: claiming due mail for the sender, settling it, and what the development viewer lists. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { MailOutboxTable } from '../db/members.schema.ts';
import type { Database } from '../db/schema.ts';
import { inUuids } from '../db/sql-helpers.ts';

type Db = Kysely<Database>;
export type MailRow = Selectable<MailOutboxTable>;

/** Due queued mail, locked for this transaction; SKIP LOCKED lets several server processes send side by side. */
export async function claimDueMail(db: Db, limit: number): Promise<MailRow[]> {
	return db
		.selectFrom('mail_outbox')
		.selectAll()
		.where('status', '=', 'queued')
		.where('next_attempt_at', '<=', sql<Date>`now()`)
		.orderBy('next_attempt_at')
		.limit(limit)
		.forUpdate()
		.skipLocked()
		.execute();
}

export async function markSent(db: Db, id: string): Promise<void> {
	await db.updateTable('mail_outbox').set((eb) => ({ status: 'sent', sent_at: sql`now()`, attempts: eb('attempts', '+', 1), last_error: null })).where('id', '=', id).execute();
}

/** A failed try: queued again after `retryInSeconds`, or failed for good when null. */
export async function markAttemptFailed(db: Db, id: string, error: string, retryInSeconds: number | null): Promise<void> {
	await db
		.updateTable('mail_outbox')
		.set((eb) => ({
			attempts: eb('attempts', '+', 1),
			last_error: error.slice(0, 500),
			...(retryInSeconds === null
				? { status: 'failed' as const }
				: { next_attempt_at: sql<Date>`now() + make_interval(secs => ${retryInSeconds})` })
		}))
		.where('id', '=', id)
		.execute();
}

/** Newest first: every account's mail (vendors), or the mail of the given accounts. */
export async function listMail(db: Db, accountIds: readonly string[] | 'all', limit = 100): Promise<MailRow[]> {
	if (accountIds !== 'all' && accountIds.length === 0) return [];
	let query = db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit);
	if (accountIds !== 'all') query = query.where(inUuids('account_id', accountIds));
	return query.execute();
}
