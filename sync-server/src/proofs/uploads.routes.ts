/**
 * `/api/uploads` (signed in): proof of purchase for a renewal request. `POST /` starts or resumes an upload (the
 * same request again says how many bytes the server has); `PUT /{id}` sends the next chunk with
 * `Content-Range: bytes <start>-<end>/<size>`. Chunks are small (the JSON body limit applies), so a phone on a
 * patchy line loses at most one chunk's worth when the signal goes.
 */
import { ErrorCode, parseContentRange, ProofUploadRequest, Uuid } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/json-body.ts';
import * as service from './proofs.service.ts';

export function uploadRoutes(db: Kysely<Database>, trustProxy: boolean) {
	return new Hono<AppEnv>()
		.use(requireUser(db))
		.post('/', async (c) => {
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.startUpload(db, actor, await jsonBody(c, ProofUploadRequest)));
		})
		.put('/:id', async (c) => {
			const id = parseWith(Uuid, c.req.param('id'));
			const range = parseContentRange(c.req.header('content-range'));
			if (!range) throw new AppError(400, ErrorCode.badRequest, 'Send Content-Range: bytes <start>-<end>/<size> with each chunk.');
			const actor = { userId: c.get('user').id, ip: clientIp(c, trustProxy) };
			return c.json(await service.putChunk(db, actor, id, range, new Uint8Array(await c.req.arrayBuffer())));
		});
}
