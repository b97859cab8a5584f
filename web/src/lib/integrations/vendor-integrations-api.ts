/**
 * The console's Integrations section: the vendor's API tokens (`/api/admin/tokens`) and webhooks
 * (`/api/admin/webhooks`), through the same vendor API an order system uses. Online only, every answer parsed with
 * its shared schema.
 */
import { ApiTokenList, CreatedApiToken, CreatedWebhook, WebhookDeliveryPage, WebhookList, WebhookRedelivery, type VendorScope, type WebhookEventType } from '@keyfield/shared';
import { z } from 'zod';
import { callApi, defaultFetch, type Fetch } from '../sync/api.ts';

const Ok = z.object({ ok: z.literal(true) });
const id = (value: string) => encodeURIComponent(value);

export const vendorIntegrationsApi = (fetch: Fetch = defaultFetch) => ({
	tokens: () => callApi(fetch, '/api/admin/tokens', ApiTokenList),
	createToken: (name: string, scopes: VendorScope[]) => callApi(fetch, '/api/admin/tokens', CreatedApiToken, { name, scopes }),
	revokeToken: (tokenId: string) => callApi(fetch, `/api/admin/tokens/${id(tokenId)}`, Ok, undefined, 'DELETE'),
	webhooks: () => callApi(fetch, '/api/admin/webhooks', WebhookList),
	createWebhook: (url: string, events: WebhookEventType[], description: string) => callApi(fetch, '/api/admin/webhooks', CreatedWebhook, { url, events, description }),
	deleteWebhook: (endpointId: string) => callApi(fetch, `/api/admin/webhooks/${id(endpointId)}`, Ok, undefined, 'DELETE'),
	deliveries: (endpointId: string, after: string | undefined, limit = 20) =>
		callApi(fetch, `/api/admin/webhooks/${id(endpointId)}/deliveries?limit=${limit}${after ? `&after=${id(after)}` : ''}`, WebhookDeliveryPage),
	redeliver: (deliveryId: string) => callApi(fetch, `/api/admin/webhooks/deliveries/${id(deliveryId)}/redeliver`, WebhookRedelivery, {})
});
export type VendorIntegrationsApi = ReturnType<typeof vendorIntegrationsApi>;
