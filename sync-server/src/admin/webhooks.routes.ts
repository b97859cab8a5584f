/** `/api/admin/webhooks`: the vendor's webhook endpoints and their delivery log (vendor operators, or a token with `webhooks`). */
import { CreateWebhookRequest, Uuid, WebhookDeliveriesQuery } from '@keyfield/shared';
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import * as service from './webhooks.service.ts';

export function webhookAdminRoutes(db: Kysely<Database>) {
	const actor = (c: Context<AppEnv>) => ({ userId: c.get('user').id, ip: clientIp(c, c.get('trustProxy')) });
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.post('/', async (c) => c.json(await service.createEndpoint(db, actor(c), await jsonBody(c, CreateWebhookRequest)), 201))
		.get('/', async (c) => c.json(await service.listEndpoints(db)))
		.post('/deliveries/:id/redeliver', async (c) => c.json(await service.redeliver(db, actor(c), parseWith(Uuid, c.req.param('id'))), 201))
		.get('/:id/deliveries', async (c) => {
			const { limit, after } = parseWith(WebhookDeliveriesQuery, c.req.query());
			return c.json(await service.deliveries(db, parseWith(Uuid, c.req.param('id')), limit, after));
		})
		.delete('/:id', async (c) => c.json(await service.deleteEndpoint(db, actor(c), parseWith(Uuid, c.req.param('id')))));
}
