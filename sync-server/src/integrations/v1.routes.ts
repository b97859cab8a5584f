/**
 * `/api/v1`: what an account's own systems may read with an account API token (scope `read`): its licenses and
 * contracts. The account is the token's; there is no parameter that could name another one.
 */
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { accountContracts } from '../admin/contracts.service.ts';
import { requireUser } from '../auth/authenticate.ts';
import { licensePage } from '../db/license-pages.repository.ts';
import type { Database } from '../db/schema.ts';
import { forbidden } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/json-body.ts';
import { LicensesQuery } from './v1.schemas.ts';

function tokenAccount(c: Context<AppEnv>): string {
	const token = c.get('apiToken');
	if (token?.kind !== 'account' || !token.accountId) throw forbidden('This API takes an account API token (Authorization: Bearer kf_live_…).');
	return token.accountId;
}

export function v1Routes(db: Kysely<Database>) {
	return new Hono<AppEnv>()
		.use(requireUser(db))
		.get('/licenses', async (c) => {
			const accountId = tokenAccount(c);
			const { after, limit } = parseWith(LicensesQuery, c.req.query());
			const { rows, more } = await licensePage(db, accountId, after, limit);
			return c.json({
				accountId,
				licenses: rows.map((r) => ({
					id: r.id, sku: r.sku, productName: r.product_name, productVersion: r.product_version, serial: r.serial, seats: r.seats,
					maintenanceEnd: r.maintenance_end, status: r.status, hostId: r.host_id, key: r.key, createdAt: r.created_at.toISOString()
				})),
				next: more ? rows.at(-1)!.id : null
			});
		})
		.get('/contracts', async (c) => c.json(await accountContracts(db, tokenAccount(c))));
}
