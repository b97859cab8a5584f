/** `/api/admin/vouchers*`: the vendor's voucher API (vendor operators only, by session cookie or bearer token). */
import { Uuid } from '@keyfield/shared';
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import type { Actor } from './admin.service.ts';
import * as S from './vouchers.schemas.ts';
import * as service from './vouchers.service.ts';

export function voucherAdminRoutes(db: Kysely<Database>, trustProxy: boolean) {
	const actor = (c: Context<AppEnv>): Actor => ({ userId: c.get('user').id, ip: clientIp(c, trustProxy) });
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.post('/', async (c) => c.json(await service.mintVouchers(db, actor(c), await jsonBody(c, S.MintVouchersRequest)), 201))
		.post('/void', async (c) => c.json(await service.voidVoucherCodes(db, actor(c), await jsonBody(c, S.VoidVouchersRequest))))
		.get('/batches/:id', async (c) => c.json(await service.voucherBatch(db, parseWith(Uuid, c.req.param('id')))));
}
