/**
 * Token management: `/api/admin/tokens` for vendor operators (vendor tokens) and `/api/account/tokens` for an
 * account's admins (that account's tokens). Sessions only: token-scopes.ts gives no token these routes, so a token
 * cannot mint or revoke tokens.
 */
import { CreateAccountTokenRequest, CreateVendorTokenRequest, Uuid } from '@keyfield/shared';
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import { findMembership } from '../db/accounts.repository.ts';
import type { Database } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import * as service from './tokens.service.ts';

const actor = (c: Context<AppEnv>): service.Actor => ({ userId: c.get('user').id, email: c.get('user').email, ip: clientIp(c, c.get('trustProxy')) });

export function vendorTokenRoutes(db: Kysely<Database>) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.get('/', async (c) => c.json(await service.listTokens(db, null)))
		.post('/', async (c) => c.json(await service.createToken(db, actor(c), { kind: 'vendor', accountId: null, ...(await jsonBody(c, CreateVendorTokenRequest)) }), 201))
		.delete('/:id', async (c) => c.json(await service.revokeToken(db, actor(c), null, parseWith(Uuid, c.req.param('id')))));
}

export function accountTokenRoutes(db: Kysely<Database>) {
	/** Direct admins of the account only (not partners acting for it): a token outlives the delegation otherwise. */
	async function requireAdmin(c: Context<AppEnv>, accountId: string): Promise<void> {
		if ((await findMembership(db, accountId, c.get('user').id))?.role !== 'admin') throw forbidden('Only an admin of this account can manage its API tokens.');
	}
	return new Hono<AppEnv>()
		.use(requireUser(db))
		.get('/', async (c) => {
			const accountId = parseWith(Uuid, c.req.query('accountId'));
			await requireAdmin(c, accountId);
			return c.json(await service.listTokens(db, accountId));
		})
		.post('/', async (c) => {
			const request = await jsonBody(c, CreateAccountTokenRequest);
			await requireAdmin(c, request.accountId);
			return c.json(await service.createToken(db, actor(c), { kind: 'account', ...request }), 201);
		})
		.delete('/:id', async (c) => {
			const id = parseWith(Uuid, c.req.param('id'));
			const accountId = await service.tokenAccount(db, id);
			// Another account's token reads as not found, like one that does not exist.
			if (!accountId || (await findMembership(db, accountId, c.get('user').id))?.role !== 'admin') throw notFound('No such token, or it was already revoked.');
			return c.json(await service.revokeToken(db, actor(c), accountId, id));
		});
}
