/**
 * API tokens for integrations: what `/api/admin/tokens` (vendor) and `/api/account/tokens` (account admins) take
 * and return. A token is `kf_live_` + 43 base64url characters (32 random bytes); the server keeps only its SHA-256,
 * so the token itself is in the creation response and nowhere else.
 */
import { z } from 'zod';
import { IsoDateTime, Uuid } from '../entities.ts';

export const API_TOKEN_PREFIX = 'kf_live_';

/** Vendor tokens act as the vendor API for an order system, by area; `read` is every GET of the vendor API. */
export const VendorScope = z.enum(['accounts', 'catalog', 'entitlements', 'contracts', 'webhooks', 'read']);
export type VendorScope = z.infer<typeof VendorScope>;
/** Account tokens read one account's licenses and contracts through `/api/v1`. */
export const AccountScope = z.enum(['read']);
export type AccountScope = z.infer<typeof AccountScope>;

const name = z.string().trim().min(1).max(100);
const expiresInDays = z.number().int().min(1).max(3650).optional(); // omitted: until revoked

export const CreateVendorTokenRequest = z.object({ name, scopes: z.array(VendorScope).min(1).max(6), expiresInDays });
export const CreateAccountTokenRequest = z.object({ accountId: Uuid, name, scopes: z.array(AccountScope).min(1).max(1).default(['read']), expiresInDays });
export type CreateAccountTokenRequest = z.input<typeof CreateAccountTokenRequest>;

export const ApiTokenEntry = z.object({
	id: Uuid,
	name: z.string(),
	kind: z.enum(['vendor', 'account']),
	accountId: Uuid.nullable(),
	scopes: z.array(z.string()),
	prefix: z.string(), // the first characters, e.g. "kf_live_Ab3d", to tell tokens apart
	createdBy: z.string(), // email
	createdAt: IsoDateTime,
	expiresAt: IsoDateTime.nullable(),
	lastUsedAt: IsoDateTime.nullable()
});
export type ApiTokenEntry = z.infer<typeof ApiTokenEntry>;

export const ApiTokenList = z.object({ tokens: z.array(ApiTokenEntry) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

/** The creation response: the only time the token is shown. */
export const CreatedApiToken = ApiTokenEntry.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
