/** `/api/admin/releases`: the vendor API for releases and artifact uploads (vendor operators only). */
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { Uuid } from '@keyfield/shared';
import { requireUser, requireVendor } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import type { BlobStore } from '../downloads/blob-store.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import * as S from './releases.schemas.ts';
import * as service from './releases.service.ts';
import { releasesPage } from './catalog.service.ts';

/** The upload path, which the app's JSON body limit lets through: artifacts stream in at any size. */
export const ARTIFACT_UPLOAD_PATH = /^\/api\/admin\/releases\/[^/]+\/artifacts$/;

export function releaseAdminRoutes(db: Kysely<Database>, blobs: BlobStore, trustProxy: boolean) {
	return new Hono<AppEnv>()
		.use(requireUser(db), requireVendor)
		.post('/', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.createRelease(db, actor, await jsonBody(c, S.CreateReleaseRequest)), 201);
		})
		.get('/', async (c) => c.json(await releasesPage(db, parseWith(S.ReleasesQuery, c.req.query()))))
		.post('/:id/artifacts', async (c) => {
			const releaseId = parseWith(Uuid, c.req.param('id'));
			const query = parseWith(S.UploadArtifactQuery, c.req.query());
			const contentType = parseWith(S.ContentType, c.req.header('content-type') ?? 'application/octet-stream');
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			const created = await service.uploadArtifact(db, blobs, actor, { releaseId, fileName: query.fileName, contentType, expectedSha256: query.sha256, body: c.req.raw.body });
			return c.json(created, 201);
		});
}
