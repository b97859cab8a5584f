/** `/api/admin/upgrade-notifications`: the vendor API for version upgrade notifications (vendor operators only). */
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import * as S from './upgrades.schemas.ts';
import * as service from './upgrades.service.ts';

export function upgradeRoutes(db: Kysely<Database>, trustProxy: boolean) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.post('/', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.createNotification(db, actor, await jsonBody(c, S.CreateNotificationRequest)), 201);
		})
		.get('/', async (c) => c.json(await service.accountNotifications(db, parseWith(S.ListNotificationsQuery, c.req.query()).accountId)));
}
