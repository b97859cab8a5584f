/** Every /api route with its schemas: the single source of openapi.json (a test checks the app serves them all). */
import { ErrorCode, LoginRequest, PublicKeysResponse, PullRequest, PullResponse, PushRequest, PushResponse, SessionInfo } from '@keyfield/shared';
import { z } from 'zod';
import * as admin from '../admin/admin.schemas.ts';
import * as vouchers from '../admin/vouchers.schemas.ts';
import * as enterprise from '../admin/enterprise.schemas.ts';
import * as upgrades from '../admin/upgrades.schemas.ts';
import { securityRoutes } from './security.routes.ts';

export const Ok = z.object({ ok: z.literal(true) });

export type RouteDoc = {
	method: 'get' | 'post' | 'delete';
	path: string;
	summary: string;
	tag: 'health' | 'auth' | 'security' | 'sync' | 'keys' | 'vendor';
	auth: 'none' | 'user' | 'vendor';
	request?: z.ZodType;
	query?: Record<string, { schema: z.ZodType; description: string }>;
	response: { status: 200 | 201; schema: z.ZodType } | { status: 200; eventStream: true };
	errors: string[];
};

const bodyErrors = [ErrorCode.invalidJson, ErrorCode.validationFailed, ErrorCode.payloadTooLarge];
const vendorErrors = [ErrorCode.unauthorized, ErrorCode.forbidden];
const uuid = z.uuid();

export const routes: RouteDoc[] = [
	{ method: 'get', path: '/api/health', summary: 'Liveness and database reachability', tag: 'health', auth: 'none', response: { status: 200, schema: Ok }, errors: [ErrorCode.unavailable] },
	{ method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'health', auth: 'none', response: { status: 200, schema: z.object({}).loose() }, errors: [] },
	{ method: 'post', path: '/api/auth/login', summary: 'Sign in; sets the HttpOnly kf_session cookie', tag: 'auth', auth: 'none', request: LoginRequest, response: { status: 200, schema: SessionInfo }, errors: [...bodyErrors, ErrorCode.invalidCredentials, ErrorCode.totpRequired, ErrorCode.totpInvalid, ErrorCode.rateLimited] },
	{ method: 'post', path: '/api/auth/logout', summary: 'Sign out and clear the cookie', tag: 'auth', auth: 'none', response: { status: 200, schema: Ok }, errors: [] },
	{ method: 'get', path: '/api/auth/me', summary: 'The signed-in user and their accounts', tag: 'auth', auth: 'user', response: { status: 200, schema: SessionInfo }, errors: [ErrorCode.unauthorized] },
	{ method: 'post', path: '/api/sync/push', summary: 'Apply queued operations (see components.schemas Operation.*)', tag: 'sync', auth: 'user', request: PushRequest, response: { status: 200, schema: PushResponse }, errors: [...bodyErrors, ErrorCode.unauthorized, ErrorCode.mutationGap, ErrorCode.clientOutdated, ErrorCode.clientOwnedByOtherUser] },
	{ method: 'post', path: '/api/sync/pull', summary: 'Changes since the cursor for every account in scope', tag: 'sync', auth: 'user', request: PullRequest, response: { status: 200, schema: PullResponse }, errors: [...bodyErrors, ErrorCode.badRequest, ErrorCode.unauthorized, ErrorCode.clientOutdated, ErrorCode.clientOwnedByOtherUser] },
	{ method: 'get', path: '/api/sync/events', summary: 'Server-sent `poke` events when an account in scope changes', tag: 'sync', auth: 'user', response: { status: 200, eventStream: true }, errors: [ErrorCode.unauthorized] },
	{ method: 'get', path: '/api/keys', summary: 'Public keys that verify license keys', tag: 'keys', auth: 'none', response: { status: 200, schema: PublicKeysResponse }, errors: [] },
	{ method: 'post', path: '/api/admin/accounts', summary: 'Create an account', tag: 'vendor', auth: 'vendor', request: admin.CreateAccountRequest, response: { status: 201, schema: admin.CreatedId }, errors: [...bodyErrors, ...vendorErrors] },
	{ method: 'post', path: '/api/admin/users', summary: 'Create a user in an account (or add a membership to an existing user)', tag: 'vendor', auth: 'vendor', request: admin.CreateUserRequest, response: { status: 201, schema: admin.CreatedId }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound, ErrorCode.conflict] },
	{ method: 'post', path: '/api/admin/products', summary: 'Add a product to the catalog', tag: 'vendor', auth: 'vendor', request: admin.CreateProductRequest, response: { status: 201, schema: admin.CreatedId }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.conflict] },
	{ method: 'post', path: '/api/admin/certificates', summary: 'Issue a certificate with new serial numbers (accountId null = boxed)', tag: 'vendor', auth: 'vendor', request: admin.CreateCertificateRequest, response: { status: 201, schema: admin.CreatedCertificate }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound] },
	{
		method: 'get', path: '/api/admin/certificates', summary: "An account's certificates (or the boxed ones) with their serials", tag: 'vendor', auth: 'vendor',
		query: { accountId: { schema: uuid, description: 'the owning account' }, boxed: { schema: z.literal('1'), description: '1 = certificates with no account yet' } },
		response: { status: 200, schema: admin.CertificateListing }, errors: [ErrorCode.validationFailed, ...vendorErrors]
	},
	{ method: 'post', path: '/api/admin/delegations', summary: "Let a partner account manage a customer's account", tag: 'vendor', auth: 'vendor', request: admin.CreateDelegationRequest, response: { status: 201, schema: admin.CreatedId }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound, ErrorCode.conflict] },
	{ method: 'post', path: '/api/admin/vouchers', summary: 'Mint a batch of voucher codes (optionally restricted to an OEM or partner account)', tag: 'vendor', auth: 'vendor', request: vouchers.MintVouchersRequest, response: { status: 201, schema: vouchers.MintedVouchers }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound, ErrorCode.conflict] },
	{ method: 'post', path: '/api/admin/vouchers/void', summary: 'Void unredeemed vouchers', tag: 'vendor', auth: 'vendor', request: vouchers.VoidVouchersRequest, response: { status: 200, schema: vouchers.VoidedVouchers }, errors: [...bodyErrors, ...vendorErrors] },
	{ method: 'get', path: '/api/admin/vouchers/batches/{id}', summary: 'A voucher batch with the state of each code', tag: 'vendor', auth: 'vendor', response: { status: 200, schema: vouchers.VoucherBatchListing }, errors: [ErrorCode.validationFailed, ...vendorErrors, ErrorCode.notFound] },
	{ method: 'post', path: '/api/admin/agreements', summary: 'Create an Enterprise Flexible agreement: a term, a licensee and a seat cap per product', tag: 'vendor', auth: 'vendor', request: enterprise.CreateAgreementRequest, response: { status: 201, schema: admin.CreatedId }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound] },
	{
		method: 'get', path: '/api/admin/agreements', summary: "An account's agreements with seats used per product and every draw-down and release", tag: 'vendor', auth: 'vendor',
		query: { accountId: { schema: uuid, description: 'the account' } },
		response: { status: 200, schema: enterprise.AgreementListing }, errors: [ErrorCode.validationFailed, ...vendorErrors, ErrorCode.notFound]
	},
	{ method: 'delete', path: '/api/admin/delegations/{id}', summary: 'Revoke a delegation', tag: 'vendor', auth: 'vendor', response: { status: 200, schema: Ok }, errors: [ErrorCode.validationFailed, ...vendorErrors, ErrorCode.notFound] },
	{ method: 'post', path: '/api/admin/upgrade-notifications', summary: "Notify an account of a version upgrade: up to `quantity` seats of `sku` may move to `targetSku` until `expiresOn`; returns the N- id", tag: 'vendor', auth: 'vendor', request: upgrades.CreateNotificationRequest, response: { status: 201, schema: upgrades.CreatedNotification }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound, ErrorCode.conflict] },
	{
		method: 'get', path: '/api/admin/upgrade-notifications', summary: "An account's upgrade notifications with the seats used so far", tag: 'vendor', auth: 'vendor',
		query: { accountId: { schema: uuid, description: 'the notified account' } },
		response: { status: 200, schema: upgrades.NotificationListing }, errors: [ErrorCode.validationFailed, ...vendorErrors]
	},
	...securityRoutes
];
