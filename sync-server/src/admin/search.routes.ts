/** `GET /api/admin/search?q=`: the vendor console's search by any identifier. */
import { SearchQuery } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/json-body.ts';
import { search } from './search.service.ts';

export function searchAdminRoutes(db: Kysely<Database>) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.get('/', async (c) => c.json(await search(db, parseWith(SearchQuery, c.req.query()).q)));
}
