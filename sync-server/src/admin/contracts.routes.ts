/** `/api/admin/contracts`: maintenance contracts and renewal confirmations for the vendor (vendor operators only). */
import { Uuid } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { clientIp } from '../http/client-ip.ts';
import { attachment } from '../http/content-disposition.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import type { Signer } from '../keys/signing-key.ts';
import * as S from './contracts.schemas.ts';
import * as service from './contracts.service.ts';
import * as proofs from '../proofs/proofs.service.ts';
import { pendingConfirmations } from './confirmations.service.ts';

export function contractAdminRoutes(db: Kysely<Database>, signer: Signer, trustProxy: boolean) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.post('/', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.createContract(db, actor, await jsonBody(c, S.CreateContractRequest)), 201);
		})
		.get('/', async (c) => c.json(await service.accountContracts(db, parseWith(S.ListContractsQuery, c.req.query()).accountId)))
		.get('/pending', async (c) => c.json(await pendingConfirmations(db)))
		.post('/renewal-cutoff', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.setCutoff(db, actor, await jsonBody(c, S.SetRenewalCutoffRequest)));
		})
		.post('/coterms/:id/confirm', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.confirmCoterm(db, signer, actor, parseWith(Uuid, c.req.param('id'))));
		})
		.get('/:id/proofs', async (c) => c.json(await proofs.contractProofs(db, parseWith(Uuid, c.req.param('id')))))
		.get('/:id/proofs/:uploadId', async (c) => {
			const { upload, bytes } = await proofs.proofFile(db, parseWith(Uuid, c.req.param('id')), parseWith(Uuid, c.req.param('uploadId')));
			return c.body(bytes, 200, {
				'content-type': upload.content_type,
				'content-length': String(bytes.length),
				etag: `"${upload.sha256}"`,
				'content-disposition': attachment(upload.file_name),
				'cache-control': 'private, no-store'
			});
		})
		.post('/:id/confirm-renewal', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			const id = parseWith(Uuid, c.req.param('id'));
			return c.json(await service.confirmRenewal(db, signer, actor, id, await jsonBody(c, S.ConfirmRenewalRequest)));
		});
}
