/** Recording webhook events with their deliveries: one statement for any number of events (the push path's cost). */
import { sql, type Kysely } from 'kysely';
import type { WebhookEvent } from '../webhooks/events.ts';
import type { Database } from './schema.ts';

/**
 * Inserts the events some live endpoint subscribes to and one pending delivery per (event, endpoint), in one round
 * trip; events nobody subscribes to are dropped here. Runs in the caller's transaction.
 */
export async function recordEvents(db: Kysely<Database>, events: readonly WebhookEvent[]): Promise<void> {
	if (events.length === 0) return;
	const rows = sql.join(events.map((e) => sql`(${e.id}::uuid, ${e.type}::text, ${e.accountId}::uuid, ${JSON.stringify(e.data)}::jsonb)`));
	await sql`
		with incoming (id, type, account_id, data) as (values ${rows}),
		subscribed as (
			select incoming.id as event_id, endpoint.id as endpoint_id
			from incoming join webhook_endpoints endpoint on endpoint.deleted_at is null and incoming.type = any(endpoint.events)),
		recorded as (
			insert into webhook_events (id, type, account_id, data)
			select id, type, account_id, data from incoming where id in (select event_id from subscribed))
		insert into webhook_deliveries (event_id, endpoint_id) select event_id, endpoint_id from subscribed`.execute(db);
}
