/** `/api/admin/webhooks` request and response schemas. */
import { IsoDateTime, Uuid } from '@keyfield/shared';
import { z } from 'zod';
import { WebhookEventType } from '../webhooks/events.ts';

export const WebhookUrl = z
	.url({ protocol: /^https?$/ })
	.max(2000)
	.refine((u) => !new URL(u).username && !new URL(u).password, 'no credentials in the URL: verify the signature instead');

export const CreateWebhookRequest = z.object({
	url: WebhookUrl,
	events: z.array(WebhookEventType).min(1).max(WebhookEventType.options.length),
	description: z.string().trim().max(200).default('')
});

const endpoint = { id: Uuid, url: z.string(), events: z.array(WebhookEventType), description: z.string(), createdAt: IsoDateTime };
export const WebhookEndpoint = z.object(endpoint);
/** The creation response: the signing secret is shown this once. */
export const CreatedWebhook = z.object({ ...endpoint, secret: z.string() });
export const WebhookList = z.object({ endpoints: z.array(WebhookEndpoint) });

export const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const DeliveryAttempt = z.object({
	attempt: z.number().int(),
	at: IsoDateTime,
	durationMs: z.number().int(),
	responseStatus: z.number().int().nullable(),
	error: z.string().nullable(),
	ok: z.boolean()
});
export const Delivery = z.object({
	id: Uuid,
	eventId: Uuid,
	eventType: z.string(),
	status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
	attempts: z.number().int(),
	nextAttemptAt: IsoDateTime.nullable(), // while pending
	createdAt: IsoDateTime,
	deliveredAt: IsoDateTime.nullable(),
	log: z.array(DeliveryAttempt)
});
export const DeliveryList = z.object({ deliveries: z.array(Delivery) });
export const Redelivery = z.object({ id: Uuid, endpointId: Uuid });
