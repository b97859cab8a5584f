/** Vendor webhooks: endpoints registered, listed and removed (journaled), their delivery log, redelivery. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import type { Database } from '../db/schema.ts';
import * as repo from '../db/webhooks.repository.ts';
import { notFound } from '../errors.ts';
import { newWebhookSecret } from '../webhooks/signature.ts';
import type { CreateWebhookRequest, CreatedWebhook, WebhookDeliveryPage, WebhookEventType, WebhookList, WebhookRedelivery } from '@keyfield/shared';
import { afterRowId, pageByRowId } from './page-cursor.ts';

type Db = Kysely<Database>;
type Actor = { userId: string; ip: string };

export async function createEndpoint(db: Db, actor: Actor, input: z.output<typeof CreateWebhookRequest>): Promise<z.output<typeof CreatedWebhook>> {
	const id = crypto.randomUUID();
	const secret = newWebhookSecret();
	const events = [...new Set(input.events)];
	const createdAt = await db.transaction().execute(async (tx) => {
		const at = await repo.insertEndpoint(tx, { id, url: input.url, secret, events, description: input.description, createdBy: actor.userId });
		await recordActivity(tx, { ...actor, accountId: null, action: 'admin.webhook.create', details: { id, url: input.url, events } });
		return at;
	});
	return { id, url: input.url, events, description: input.description, createdAt: createdAt.toISOString(), secret };
}

export async function listEndpoints(db: Db): Promise<z.output<typeof WebhookList>> {
	const rows = await repo.listEndpoints(db);
	return { endpoints: rows.map((r) => ({ id: r.id, url: r.url, events: r.events as WebhookEventType[], description: r.description, createdAt: r.created_at.toISOString() })) };
}

export async function deleteEndpoint(db: Db, actor: Actor, id: string): Promise<{ ok: true }> {
	await db.transaction().execute(async (tx) => {
		if (!(await repo.deleteEndpoint(tx, id))) throw notFound('No such webhook endpoint.');
		await recordActivity(tx, { ...actor, accountId: null, action: 'admin.webhook.delete', details: { id } });
	});
	return { ok: true };
}

/** A page of an endpoint's deliveries, newest first; `after` is the previous page's `next`. */
export async function deliveries(db: Db, endpointId: string, limit: number, after?: string): Promise<z.output<typeof WebhookDeliveryPage>> {
	if (!(await repo.endpointExists(db, endpointId))) throw notFound('No such webhook endpoint.');
	const page = pageByRowId(await repo.listDeliveries(db, endpointId, limit + 1, afterRowId(after)), limit);
	return {
		deliveries: page.rows.map((d) => ({
			id: d.id,
			eventId: d.event_id,
			eventType: d.type,
			status: d.status,
			attempts: d.attempts,
			nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
			createdAt: d.created_at.toISOString(),
			deliveredAt: d.delivered_at?.toISOString() ?? null,
			log: d.attempts_log.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), durationMs: a.duration_ms, responseStatus: a.response_status, error: a.error, ok: a.ok }))
		})),
		next: page.next
	};
}

/** Sends a delivery's event again to its endpoint as a new delivery (its own attempts and log). */
export async function redeliver(db: Db, actor: Actor, deliveryId: string): Promise<z.output<typeof WebhookRedelivery>> {
	return db.transaction().execute(async (tx) => {
		const created = await repo.redeliver(tx, deliveryId);
		if (!created) throw notFound('No such delivery, or its endpoint was removed.');
		await recordActivity(tx, { ...actor, accountId: null, action: 'admin.webhook.redeliver', details: { deliveryId, newDeliveryId: created.id } });
		return created;
	});
}
