/** `/api/admin/agreements`: Enterprise Flexible agreements for the vendor (vendor operators only). */
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import * as S from './enterprise.schemas.ts';
import * as service from './enterprise.service.ts';

export function enterpriseAdminRoutes(db: Kysely<Database>, trustProxy: boolean) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.post('/', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.createAgreement(db, actor, await jsonBody(c, S.CreateAgreementRequest)), 201);
		})
		.get('/', async (c) => c.json(await service.agreementsOf(db, parseWith(S.ListAgreementsQuery, c.req.query()).accountId)));
}
