/**
 * The vendor's webhooks (`/api/admin/webhooks`): what the server validates and openapi.json documents, and what the
 * console parses every answer with. The event names live here so the console's checkboxes list exactly what the
 * server accepts.
 */
import { z } from 'zod';
import { IsoDateTime, Uuid } from '../entities.ts';

export const WebhookEventType = z.enum(['license.issued', 'voucher.redeemed', 'renewal.requested', 'contract.confirmed']);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

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
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;
/** The creation response: the signing secret is shown this once. */
export const CreatedWebhook = z.object({ ...endpoint, secret: z.string() });
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;
export const WebhookList = z.object({ endpoints: z.array(WebhookEndpoint) });

/** Newest first; `after` is the `next` of the previous page (an opaque cursor). */
export const WebhookDeliveriesQuery = z.object({
	limit: z.coerce.number().int().min(1).max(200).default(50),
	after: z.string().min(1).max(200).optional()
});

export const WebhookDeliveryAttempt = z.object({
	attempt: z.number().int(),
	at: IsoDateTime,
	durationMs: z.number().int(),
	responseStatus: z.number().int().nullable(),
	error: z.string().nullable(),
	ok: z.boolean()
});
export const WebhookDelivery = z.object({
	id: Uuid,
	eventId: Uuid,
	eventType: z.string(),
	status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
	attempts: z.number().int(),
	nextAttemptAt: IsoDateTime.nullable(), // while pending
	createdAt: IsoDateTime,
	deliveredAt: IsoDateTime.nullable(),
	log: z.array(WebhookDeliveryAttempt)
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
/** `next`: pass as `after` for the older deliveries; null on the last page. */
export const WebhookDeliveryPage = z.object({ deliveries: z.array(WebhookDelivery), next: z.string().nullable() });
export const WebhookRedelivery = z.object({ id: Uuid, endpointId: Uuid });
