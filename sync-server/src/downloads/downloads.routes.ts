/**
 * `/api/downloads`: `POST /{artifactId}/url` (signed in) returns a short-lived signed link; `GET /file?…` serves
 * the bytes to whoever holds a valid link, cookies or not, with `Range` for resuming.
 */
import { ErrorCode, Uuid } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { clientIp } from '../http/client-ip.ts';
import { attachment } from '../http/content-disposition.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/json-body.ts';
import type { BlobStore } from './blob-store.ts';
import { parseRange } from './byte-range.ts';
import * as service from './downloads.service.ts';

export type DownloadDeps = { db: Kysely<Database>; blobs: BlobStore; secret: () => Promise<string>; trustProxy: boolean };

export function downloadRoutes({ db, blobs, secret, trustProxy }: DownloadDeps) {
	return new Hono<AppEnv>()
		.post('/:id/url', requireUser(db), async (c) => {
			const artifactId = parseWith(Uuid, c.req.param('id'));
			return c.json(await service.signLink(db, await secret(), { userId: c.get('user').id, ip: clientIp(c, trustProxy) }, artifactId));
		})
		.on(['GET', 'HEAD'], '/file', async (c) => {
			const { grant, artifact } = await service.openLink(db, await secret(), c.req.query());
			const size = await blobs.size(artifact.sha256);
			if (size === null) throw new AppError(503, ErrorCode.unavailable, 'The file is not in storage right now; try again later.');
			const etag = `"${artifact.sha256}"`;
			const headers: Record<string, string> = {
				'accept-ranges': 'bytes',
				etag,
				'content-type': artifact.content_type,
				'content-disposition': attachment(artifact.file_name),
				// The link is personal and short-lived: no shared cache may keep the response.
				'cache-control': 'private, no-store'
			};
			const answer = parseRange(c.req.header('range'), size, c.req.header('if-range'), etag);
			if (answer.kind === 'unsatisfiable') {
				throw new AppError(416, ErrorCode.rangeNotSatisfiable, `The file has ${size} bytes; ask for a range within them.`, { size }, { 'content-range': `bytes */${size}` });
			}
			const range = answer.kind === 'partial' ? answer.range : { start: 0, end: size - 1 };
			const length = range.end - range.start + 1;
			headers['content-length'] = String(length);
			if (answer.kind === 'partial') headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
			const status = answer.kind === 'partial' ? 206 : 200;
			if (c.req.method === 'HEAD') return c.body(null, status, headers);
			await service.journalDownload(db, grant, clientIp(c, trustProxy), { fileName: artifact.file_name, sha256: artifact.sha256, range: answer.kind === 'partial' ? headers['content-range'] : null });
			return length > 0 ? c.body(blobs.read(artifact.sha256, range), status, headers) : c.body(null, status, headers);
		});
}
