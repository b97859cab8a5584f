/** Webhook endpoints, their deliveries and every attempt; the delivery worker's claim and report. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export async function insertEndpoint(db: Db, e: { id: string; url: string; secret: string; events: string[]; description: string; createdBy: string }): Promise<Date> {
	const row = await db
		.insertInto('webhook_endpoints')
		.values({ id: e.id, url: e.url, secret: e.secret, events: e.events, description: e.description, created_by: e.createdBy })
		.returning('created_at')
		.executeTakeFirstOrThrow();
	return row.created_at;
}

export function listEndpoints(db: Db) {
	return db.selectFrom('webhook_endpoints').select(['id', 'url', 'events', 'description', 'created_at']).where('deleted_at', 'is', null).orderBy('created_at', 'desc').execute();
}

/** Removes an endpoint (kept for its delivery log) and cancels what it still had pending; false when unknown. */
export async function deleteEndpoint(db: Db, id: string): Promise<boolean> {
	const result = await db.updateTable('webhook_endpoints').set({ deleted_at: new Date() }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
	if (result.numUpdatedRows === 0n) return false;
	await db.updateTable('webhook_deliveries').set({ status: 'cancelled' }).where('endpoint_id', '=', id).where('status', '=', 'pending').execute();
	return true;
}

export async function endpointExists(db: Db, id: string): Promise<boolean> {
	return Boolean(await db.selectFrom('webhook_endpoints').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst());
}

/**
 * An endpoint's deliveries, newest first, with their event and every attempt (oldest attempt first). `afterId` is
 * the last delivery of the previous page: the page goes on from that row's own key (a row gone = an empty page).
 */
export async function listDeliveries(db: Db, endpointId: string, limit: number, afterId?: string) {
	let query = db
		.selectFrom('webhook_deliveries as d')
		.innerJoin('webhook_events as e', 'e.id', 'd.event_id')
		.select(['d.id', 'd.event_id', 'e.type', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.created_at', 'd.delivered_at'])
		.where('d.endpoint_id', '=', endpointId);
	if (afterId !== undefined) {
		query = query.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('webhook_deliveries as a')
					.select('a.id')
					.where('a.id', '=', afterId)
					.where('a.endpoint_id', '=', endpointId)
					.where(sql<boolean>`(d.created_at < a.created_at or (d.created_at = a.created_at and d.id > a.id))`)
			)
		);
	}
	const deliveries = await query.orderBy('d.created_at', 'desc').orderBy('d.id').limit(limit).execute();
	const ids = deliveries.map((d) => d.id);
	const attempts = ids.length
		? await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', ids).orderBy('delivery_id').orderBy('attempt').execute()
		: [];
	return deliveries.map((d) => ({ ...d, attempts_log: attempts.filter((a) => a.delivery_id === d.id) }));
}

/** A new delivery of a delivery's event to the same endpoint, due now; null when unknown or its endpoint is gone. */
export async function redeliver(db: Db, deliveryId: string): Promise<{ id: string; endpointId: string } | null> {
	const { rows } = await sql<{ id: string; endpoint_id: string }>`
		insert into webhook_deliveries (event_id, endpoint_id)
		select d.event_id, d.endpoint_id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
		where d.id = ${deliveryId} and e.deleted_at is null
		returning id, endpoint_id`.execute(db);
	return rows[0] ? { id: rows[0].id, endpointId: rows[0].endpoint_id } : null;
}

export type ClaimedDelivery = { id: string; attempt: number; event_id: string; type: string; account_id: string | null; data: Record<string, unknown>; created_at: Date; url: string; secret: string };

/**
 * Takes up to `limit` due deliveries for one attempt each: counts the attempt and leases the row for `leaseSeconds`
 * (SKIP LOCKED, so processes share the work without waiting on each other). A process that dies mid-attempt leaves
 * the lease to run out; the delivery is then due again — after a restart too, since all of it is in the table.
 */
export async function claimDue(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
	const { rows } = await sql<ClaimedDelivery>`
		with due as (
			select id from webhook_deliveries
			where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
			order by next_attempt_at limit ${limit} for update skip locked),
		claimed as (
			update webhook_deliveries d set attempts = d.attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
			from due where d.id = due.id returning d.id, d.attempts, d.event_id, d.endpoint_id)
		select c.id, c.attempts as attempt, c.event_id, e.type, e.account_id, e.data, e.created_at, ep.url, ep.secret
		from claimed c join webhook_events e on e.id = c.event_id join webhook_endpoints ep on ep.id = c.endpoint_id`.execute(db);
	return rows;
}

export type AttemptOutcome = { ok: boolean; durationMs: number; responseStatus: number | null; error: string | null };

/**
 * Logs an attempt and settles its delivery in one statement: delivered, due again at `retryInMs`, or failed for
 * good when `retryInMs` is null. Only the attempt that holds the lease (the same attempt number) settles it.
 */
export async function recordAttempt(db: Db, delivery: { id: string; attempt: number }, outcome: AttemptOutcome, retryInMs: number | null): Promise<void> {
	const status = outcome.ok ? 'delivered' : retryInMs === null ? 'failed' : 'pending';
	await sql`
		with logged as (
			insert into webhook_attempts (delivery_id, attempt, duration_ms, response_status, error, ok)
			values (${delivery.id}, ${delivery.attempt}, ${Math.round(outcome.durationMs)}, ${outcome.responseStatus}, ${outcome.error}, ${outcome.ok}))
		update webhook_deliveries set status = ${status}, locked_until = null,
			next_attempt_at = now() + make_interval(secs => ${(retryInMs ?? 0) / 1000}),
			delivered_at = case when ${outcome.ok} then now() else null end
		where id = ${delivery.id} and attempts = ${delivery.attempt} and status = 'pending'`.execute(db);
}
