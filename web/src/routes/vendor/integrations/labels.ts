/** The words the Integrations page shows for the API's names (scopes, event types, delivery states). */
import type { VendorScope, WebhookDelivery, WebhookEventType } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';

export const scopeLabel: Record<VendorScope, () => string> = {
	accounts: m.int_scope_accounts,
	catalog: m.int_scope_catalog,
	entitlements: m.int_scope_entitlements,
	contracts: m.int_scope_contracts,
	webhooks: m.int_scope_webhooks,
	read: m.int_scope_read
};

export const eventLabel: Record<WebhookEventType, () => string> = {
	'license.issued': m.int_event_license_issued,
	'voucher.redeemed': m.int_event_voucher_redeemed,
	'renewal.requested': m.int_event_renewal_requested,
	'contract.confirmed': m.int_event_contract_confirmed
};

/** An event type this console does not know yet (a newer server) shows as its API name. */
export const eventName = (type: string): string => (type in eventLabel ? eventLabel[type as WebhookEventType]() : type);

export const statusLabel: Record<WebhookDelivery['status'], () => string> = {
	pending: m.int_status_pending,
	delivered: m.int_status_delivered,
	failed: m.int_status_failed,
	cancelled: m.int_status_cancelled
};
