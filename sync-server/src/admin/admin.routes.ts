/** `/api/admin/*`: the vendor API (vendor operators only, by session cookie or bearer token). */
import { PageQuery, Uuid } from '@keyfield/shared';
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import { accountChoices } from '../db/account-choices.repository.ts';
import { listCertificates } from '../db/catalog.repository.ts';
import type { Database } from '../db/schema.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import * as S from './admin.schemas.ts';
import * as service from './admin.service.ts';
import { approveDomainByVendor } from '../members/domains.service.ts';
import { checkBulkCertificates, issueBulkCertificates } from './certificates-bulk.ts';
import { productsPage } from './catalog.service.ts';

export function adminRoutes(db: Kysely<Database>, trustProxy: boolean) {
	const actor = (c: Context<AppEnv>): service.Actor => ({ userId: c.get('user').id, ip: clientIp(c, trustProxy) });
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.post('/accounts', async (c) => c.json(await service.createAccount(db, actor(c), await jsonBody(c, S.CreateAccountRequest)), 201))
		.post('/users', async (c) => c.json(await service.createUser(db, actor(c), await jsonBody(c, S.CreateUserRequest)), 201))
		.post('/products', async (c) => c.json(await service.createProduct(db, actor(c), await jsonBody(c, S.CreateProductRequest)), 201))
		.get('/products', async (c) => c.json(await productsPage(db, parseWith(PageQuery, c.req.query()))))
		.post('/certificates', async (c) => c.json(await service.createCertificate(db, actor(c), await jsonBody(c, S.CreateCertificateRequest)), 201))
		.post('/accounts/:id/domains', async (c) => {
			const accountId = parseWith(Uuid, c.req.param('id'));
			const { domain } = await jsonBody(c, S.ApproveDomainRequest);
			return c.json(await approveDomainByVendor(db, actor(c), accountId, domain), 201);
		})
		// The body is the CSV file itself (text/csv); ?dryRun=true checks it and writes nothing.
		.post('/certificates/bulk', async (c) => {
			const { dryRun } = parseWith(S.BulkCertificatesQuery, c.req.query());
			const text = await c.req.text();
			return dryRun === 'true' ? c.json(await checkBulkCertificates(db, text)) : c.json(await issueBulkCertificates(db, actor(c), text), 201);
		})
		.get('/account-choices', async (c) => c.json({ accounts: await accountChoices(db, parseWith(S.AccountChoicesQuery, c.req.query())) }))
		.post('/delegations', async (c) => c.json(await service.createDelegation(db, actor(c), await jsonBody(c, S.CreateDelegationRequest)), 201))
		.delete('/delegations/:id', async (c) => c.json(await service.deleteDelegation(db, actor(c), parseWith(Uuid, c.req.param('id')))))
		.get('/certificates', async (c) => {
			const query = parseWith(S.ListCertificatesQuery, c.req.query());
			return c.json({ certificates: await listCertificates(db, 'accountId' in query ? query : { boxed: true }) });
		});
}
