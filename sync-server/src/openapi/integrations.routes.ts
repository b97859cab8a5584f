/** Integrations documented: API tokens (vendor and account), the account read API, vendor webhooks. */
import { ApiTokenList, CreateAccountTokenRequest, CreateVendorTokenRequest, CreatedApiToken, CreateWebhookRequest, CreatedWebhook, ErrorCode, OkBody as Ok, WebhookDeliveriesQuery, WebhookDeliveryPage, WebhookList, WebhookRedelivery } from '@keyfield/shared';
import { z } from 'zod';
import { ContractListing } from '../admin/contracts.schemas.ts';
import { LicensePage, LicensesQuery } from '../integrations/v1.schemas.ts';
import type { RouteDoc } from './routes.ts';

const body = [ErrorCode.invalidJson, ErrorCode.validationFailed, ErrorCode.payloadTooLarge];
const vendor = [ErrorCode.unauthorized, ErrorCode.forbidden];
const tokenErrors = [ErrorCode.unauthorized, ErrorCode.forbidden, ErrorCode.rateLimited];

export const integrationRoutes: RouteDoc[] = [
	{ method: 'get', path: '/api/admin/tokens', summary: "The vendor's live API tokens (never the tokens themselves)", tag: 'integrations', auth: 'vendor', response: { status: 200, schema: ApiTokenList }, errors: vendor },
	{ method: 'post', path: '/api/admin/tokens', summary: 'Create a vendor API token for an order system; the response holds the token, shown this once. Session only: a token cannot create tokens', tag: 'integrations', auth: 'vendor', request: CreateVendorTokenRequest, response: { status: 201, schema: CreatedApiToken }, errors: [...body, ...vendor] },
	{ method: 'delete', path: '/api/admin/tokens/{id}', summary: 'Revoke a vendor API token (at once)', tag: 'integrations', auth: 'vendor', response: { status: 200, schema: Ok }, errors: [ErrorCode.validationFailed, ...vendor, ErrorCode.notFound] },
	{
		method: 'get', path: '/api/account/tokens', summary: "An account's live API tokens (its admins)", tag: 'integrations', auth: 'user',
		query: { accountId: { schema: z.uuid(), description: 'the account' } },
		response: { status: 200, schema: ApiTokenList }, errors: [ErrorCode.validationFailed, ...vendor]
	},
	{ method: 'post', path: '/api/account/tokens', summary: "Create an account API token (scope read: GET /api/v1/*); the response holds the token, shown this once", tag: 'integrations', auth: 'user', request: CreateAccountTokenRequest, response: { status: 201, schema: CreatedApiToken }, errors: [...body, ...vendor] },
	{ method: 'delete', path: '/api/account/tokens/{id}', summary: 'Revoke an account API token (admins of its account)', tag: 'integrations', auth: 'user', response: { status: 200, schema: Ok }, errors: [ErrorCode.validationFailed, ErrorCode.unauthorized, ErrorCode.notFound] },
	{
		method: 'get', path: '/api/v1/licenses', summary: "The token's account's licenses, by id in pages (pass `next` as `after`)", tag: 'integrations', auth: 'account-token',
		query: { after: { schema: LicensesQuery.shape.after, description: 'the last id of the previous page' }, limit: { schema: z.number().int().min(1).max(1000).optional(), description: 'page size (100)' } },
		response: { status: 200, schema: LicensePage }, errors: [ErrorCode.validationFailed, ...tokenErrors]
	},
	{ method: 'get', path: '/api/v1/contracts', summary: "The token's account's maintenance contracts", tag: 'integrations', auth: 'account-token', response: { status: 200, schema: ContractListing }, errors: tokenErrors },
	{ method: 'post', path: '/api/admin/webhooks', summary: 'Register a webhook endpoint for event types; the response holds the signing secret, shown this once', tag: 'integrations', auth: 'vendor', request: CreateWebhookRequest, response: { status: 201, schema: CreatedWebhook }, errors: [...body, ...vendor] },
	{ method: 'get', path: '/api/admin/webhooks', summary: 'The webhook endpoints', tag: 'integrations', auth: 'vendor', response: { status: 200, schema: WebhookList }, errors: vendor },
	{ method: 'delete', path: '/api/admin/webhooks/{id}', summary: 'Remove a webhook endpoint; its pending deliveries are cancelled', tag: 'integrations', auth: 'vendor', response: { status: 200, schema: Ok }, errors: [ErrorCode.validationFailed, ...vendor, ErrorCode.notFound] },
	{
		method: 'get', path: '/api/admin/webhooks/{id}/deliveries', summary: "An endpoint's deliveries, newest first, in pages (pass `next` as `after`), with every attempt (status, response code, duration, error) and the next retry", tag: 'integrations', auth: 'vendor',
		query: { limit: { schema: z.number().int().min(1).max(200).optional(), description: 'page size (50)' }, after: { schema: WebhookDeliveriesQuery.shape.after, description: 'the `next` of the previous page' } },
		response: { status: 200, schema: WebhookDeliveryPage }, errors: [ErrorCode.validationFailed, ...vendor, ErrorCode.notFound]
	},
	{ method: 'post', path: '/api/admin/webhooks/deliveries/{id}/redeliver', summary: "Send a delivery's event again (a new delivery, due now)", tag: 'integrations', auth: 'vendor', response: { status: 201, schema: WebhookRedelivery }, errors: [ErrorCode.validationFailed, ...vendor, ErrorCode.notFound] }
];
