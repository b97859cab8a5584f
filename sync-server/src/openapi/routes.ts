/** Every /api route with its schemas: the single source of openapi.json (a test checks the app serves them all). */
import { BULK_CSV_COLUMNS, BULK_MAX_ROWS, BulkIssued, ErrorCode, LoginRequest, OkBody, PublicKeysResponse, PullRequest, PullResponse, PushRequest, PushResponse, SessionInfo, SignedDownloadLink } from '@keyfield/shared';
import { z } from 'zod';
import * as admin from '../admin/admin.schemas.ts';
import * as vouchers from '../admin/vouchers.schemas.ts';
import * as enterprise from '../admin/enterprise.schemas.ts';
import * as upgrades from '../admin/upgrades.schemas.ts';
import * as releases from '../admin/releases.schemas.ts';
import * as contracts from '../admin/contracts.schemas.ts';
import { securityRoutes } from './security.routes.ts';
import { renewalRoutes } from './renewals.routes.ts';
import { memberRoutes } from './members.routes.ts';
import { seatRoutes } from './seats.routes.ts';
import { integrationRoutes } from './integrations.routes.ts';
import { consoleRoutes } from './console.routes.ts';
import { catalogRoutes } from './catalog.routes.ts';

// Other route lists import it from here; it lives in shared, where the console parses the same answer.
export const Ok = OkBody;

export type RouteDoc = {
	method: 'get' | 'post' | 'put' | 'delete';
	path: string;
	summary: string;
	tag: 'health' | 'auth' | 'security' | 'sync' | 'keys' | 'vendor' | 'downloads' | 'uploads' | 'integrations';
	auth: 'none' | 'user' | 'vendor' | 'account-token'; // account-token: only an account API token (Bearer kf_live_…)
	request?: z.ZodType | { binary: string } | { csv: string }; // binary: a raw streamed body; csv: a text/csv file, described
	query?: Record<string, { schema: z.ZodType; description: string }>;
	response: { status: 200 | 201; schema: z.ZodType } | { status: 200; eventStream: true } | { status: 200; binary: string } | { status: 200; html: string };
	errors: string[];
};

const bodyErrors = [ErrorCode.invalidJson, ErrorCode.validationFailed, ErrorCode.payloadTooLarge];
const vendorErrors = [ErrorCode.unauthorized, ErrorCode.forbidden];
const uuid = z.uuid();

export const routes: RouteDoc[] = [
	{ method: 'get', path: '/api/health', summary: 'Liveness and database reachability', tag: 'health', auth: 'none', response: { status: 200, schema: Ok }, errors: [ErrorCode.unavailable] },
	{ method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'health', auth: 'none', response: { status: 200, schema: z.object({}).loose() }, errors: [] },
	{ method: 'get', path: '/api/docs', summary: 'This document as a browsable page', tag: 'health', auth: 'none', response: { status: 200, html: 'operations by tag with their parameters and schemas' }, errors: [] },
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
		method: 'post', path: '/api/admin/certificates/bulk', summary: 'Issue certificates from a CSV file, one per row, in one transaction: all rows or none (422 csv_rows_invalid lists the rows that are wrong). dryRun=true checks the file and writes nothing', tag: 'vendor', auth: 'vendor',
		query: { dryRun: { schema: admin.BulkCertificatesQuery.shape.dryRun, description: 'true: only check; answers the row count, the errors by row and a preview (200)' } },
		request: { csv: `UTF-8, comma- or semicolon-separated, at most ${BULK_MAX_ROWS} rows and 1 MiB; the header row names the columns: ${BULK_CSV_COLUMNS.map((c) => `${c.name}${c.required ? '' : ' (optional)'}: ${c.meaning}`).join('; ')}` },
		response: { status: 201, schema: BulkIssued }, errors: [ErrorCode.csvInvalid, ErrorCode.csvRowsInvalid, ErrorCode.validationFailed, ErrorCode.payloadTooLarge, ...vendorErrors, ErrorCode.conflict]
	},
	{
		method: 'get', path: '/api/admin/account-choices', summary: 'Up to 50 customer, partner and OEM accounts by part of their name or their id, for a form', tag: 'vendor', auth: 'vendor',
		query: { q: { schema: admin.AccountChoicesQuery.shape.q, description: 'part of the name, or the account id' }, kind: { schema: admin.AccountChoicesQuery.shape.kind, description: 'only this kind' } },
		response: { status: 200, schema: admin.AccountChoices }, errors: [ErrorCode.validationFailed, ...vendorErrors]
	},
	{ method: 'get', path: '/api/admin/contracts/pending', summary: 'Renewals and co-terms waiting for confirmation, across every account, oldest first', tag: 'vendor', auth: 'vendor', response: { status: 200, schema: contracts.PendingConfirmations }, errors: vendorErrors },
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
	{ method: 'post', path: '/api/admin/releases', summary: 'Add a release of a catalog product (version, platform, channel, notes, published date)', tag: 'vendor', auth: 'vendor', request: releases.CreateReleaseRequest, response: { status: 201, schema: releases.CreateReleaseResponse }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound, ErrorCode.conflict] },
	{
		method: 'post', path: '/api/admin/releases/{id}/artifacts', summary: "Upload a release's file, streamed as the raw body (any size); stored by SHA-256", tag: 'vendor', auth: 'vendor',
		query: { fileName: { schema: releases.FileName, description: 'the name a download saves it as' }, sha256: { schema: releases.UploadArtifactQuery.shape.sha256, description: 'refuse the upload (422 checksum_mismatch) unless the bytes have this digest' } },
		request: { binary: 'the file; Content-Type is stored as its media type' },
		response: { status: 201, schema: releases.CreatedArtifact }, errors: [ErrorCode.validationFailed, ErrorCode.badRequest, ...vendorErrors, ErrorCode.notFound, ErrorCode.conflict, ErrorCode.checksumMismatch]
	},
	{ method: 'post', path: '/api/downloads/{id}/url', summary: 'A download link for an artifact, valid 10 minutes, if a license of your accounts entitles you now (403 not_entitled says why not)', tag: 'downloads', auth: 'user', response: { status: 200, schema: SignedDownloadLink }, errors: [ErrorCode.validationFailed, ErrorCode.unauthorized, ErrorCode.notFound, ErrorCode.notEntitled] },
	{
		method: 'get', path: '/api/downloads/file', summary: 'The bytes a signed link names, no cookies needed; Range (206) resumes; ETag is the SHA-256; every request is journaled', tag: 'downloads', auth: 'none',
		query: { a: { schema: uuid, description: 'artifact' }, u: { schema: uuid, description: 'user' }, c: { schema: uuid, description: 'entitling account' }, e: { schema: z.string(), description: 'expiry (unix seconds)' }, s: { schema: z.string(), description: 'HMAC-SHA256, base64url' } },
		response: { status: 200, binary: 'the file (206 with Content-Range for a Range request)' }, errors: [ErrorCode.downloadLinkInvalid, ErrorCode.downloadLinkExpired, ErrorCode.notFound, ErrorCode.rangeNotSatisfiable, ErrorCode.unavailable]
	},
	{ method: 'post', path: '/api/admin/contracts', summary: 'Create a maintenance contract for a certificate (its licenses) or one license, bought online or from a named partner', tag: 'vendor', auth: 'vendor', request: contracts.CreateContractRequest, response: { status: 201, schema: admin.CreatedId }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound] },
	{
		method: 'get', path: '/api/admin/contracts', summary: "An account's contracts, with any renewal waiting for confirmation", tag: 'vendor', auth: 'vendor',
		query: { accountId: { schema: uuid, description: 'the account' } },
		response: { status: 200, schema: contracts.ContractListing }, errors: [ErrorCode.validationFailed, ...vendorErrors]
	},
	{ method: 'post', path: '/api/admin/contracts/{id}/confirm-renewal', summary: "Confirm a renewal's payment: extends the end (grace rule: from the old end if requested by then, else from the request day), raises the certificate revision, re-signs the covered licenses' keys; idempotent per renewalId", tag: 'vendor', auth: 'vendor', request: contracts.ConfirmRenewalRequest, response: { status: 200, schema: contracts.ConfirmedRenewal }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound, ErrorCode.conflict] },
	{ method: 'post', path: '/api/admin/contracts/coterms/{id}/confirm', summary: 'Confirm a co-term request (contract.coterm): each contract it names ends on the common date, with a new revision and re-signed keys; idempotent', tag: 'vendor', auth: 'vendor', response: { status: 200, schema: contracts.ConfirmedCoterm }, errors: [ErrorCode.validationFailed, ...vendorErrors, ErrorCode.notFound] },
	{ method: 'post', path: '/api/admin/contracts/renewal-cutoff', summary: "Set a product's renewal cutoff version (contracts bought at an earlier version renew only through a partner or after an upgrade)", tag: 'vendor', auth: 'vendor', request: contracts.SetRenewalCutoffRequest, response: { status: 200, schema: Ok }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound] },
	...securityRoutes,
	...renewalRoutes,
	...memberRoutes,
	...seatRoutes,
	...integrationRoutes,
	...consoleRoutes,
	...catalogRoutes
];
