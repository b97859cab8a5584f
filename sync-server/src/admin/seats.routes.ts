/** `/api/admin/packages` (the seat package catalog) and `/api/admin/orders` (confirming payment), vendor operators only. */
import { Uuid } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import * as S from './seats.schemas.ts';
import * as service from './seats.service.ts';

export function packageAdminRoutes(db: Kysely<Database>, trustProxy: boolean) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.post('/', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.createPackage(db, actor, await jsonBody(c, S.CreatePackageRequest)), 201);
		})
		.get('/', async (c) => c.json(await service.packages(db)))
		.post('/:id', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			const id = parseWith(Uuid, c.req.param('id'));
			return c.json(await service.updatePackage(db, actor, id, await jsonBody(c, S.UpdatePackageRequest)));
		});
}

export function orderAdminRoutes(db: Kysely<Database>, trustProxy: boolean) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.get('/', async (c) => c.json(await service.ordersOf(db, parseWith(S.ListOrdersQuery, c.req.query()).accountId)))
		.post('/:id/confirm', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			const id = parseWith(Uuid, c.req.param('id'));
			return c.json(await service.confirmOrder(db, actor, id, await jsonBody(c, S.ConfirmOrderRequest)));
		});
}
