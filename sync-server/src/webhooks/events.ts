/**
 * Webhook events: the changes a vendor's systems can subscribe to. An event is recorded by the transaction of the
 * change that causes it (so there is no event for a change that rolled back, and no change without its event),
 * together with one pending delivery per endpoint subscribed to its type; the delivery worker sends them after
 * commit. An event no endpoint subscribes to is not recorded at all. The type names are shared (the console lists them).
 */
import type { WebhookEventType } from '@keyfield/shared';

export type { WebhookEventType };

export type WebhookEvent = { id: string; type: WebhookEventType; accountId: string | null; data: Record<string, unknown> };

export function webhookEvent(type: WebhookEventType, accountId: string | null, data: Record<string, unknown>): WebhookEvent {
	return { id: crypto.randomUUID(), type, accountId, data };
}
