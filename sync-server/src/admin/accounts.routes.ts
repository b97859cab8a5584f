/** `GET /api/admin/accounts…`: the vendor console's account reads (creating one stays in admin.routes.ts). */
import { AccountsQuery, PageQuery, Uuid } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/json-body.ts';
import * as service from './accounts.service.ts';

export function accountAdminRoutes(db: Kysely<Database>) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.get('/', async (c) => c.json(await service.accountsPage(db, parseWith(AccountsQuery, c.req.query()))))
		.get('/:id', async (c) => c.json(await service.accountDetail(db, parseWith(Uuid, c.req.param('id')))))
		.get('/:id/licenses', async (c) => c.json(await service.accountLicenses(db, parseWith(Uuid, c.req.param('id')), parseWith(PageQuery, c.req.query()))))
		.get('/:id/journal', async (c) => c.json(await service.accountJournal(db, parseWith(Uuid, c.req.param('id')), parseWith(PageQuery, c.req.query()))));
}
