/**
 * Vendor operations on releases. A release and each artifact bump the catalog's version (the release row syncs to
 * every device) and write the journal, in one transaction. The bytes are streamed into the blob store before the
 * transaction: a failed upload leaves at most an unreferenced blob, never a row without bytes.
 */
import { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { findProductBySku } from '../db/catalog.repository.ts';
import { findRelease, insertArtifact, insertRelease } from '../db/releases.repository.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/transaction.ts';
import type { BlobStore } from '../downloads/blob-store.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './admin.service.ts';
import type * as S from './releases.schemas.ts';

type Db = Kysely<Database>;

export async function createRelease(db: Db, actor: Actor, input: z.output<typeof S.CreateReleaseRequest>): Promise<{ id: string }> {
	if (!(await findProductBySku(db, input.sku))) throw notFound(`No product with SKU ${input.sku}.`);
	const id = crypto.randomUUID();
	try {
		await db.transaction().execute(async (tx) => {
			await insertRelease(tx, { id, ...input });
			await recordActivity(tx, { ...actor, action: 'admin.release.create', details: { id, ...input } });
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new AppError(409, ErrorCode.conflict, `${input.sku} ${input.version} for ${input.platform} already exists.`);
		throw err;
	}
	return { id };
}

export async function uploadArtifact(
	db: Db,
	blobs: BlobStore,
	actor: Actor,
	upload: { releaseId: string; fileName: string; contentType: string; expectedSha256?: string; body: ReadableStream<Uint8Array> | null }
) {
	if (!(await findRelease(db, upload.releaseId))) throw notFound(`No release ${upload.releaseId}.`);
	if (!upload.body) throw new AppError(400, ErrorCode.badRequest, 'Send the file as the request body.');
	const { sha256, size } = await blobs.put(upload.body);
	if (upload.expectedSha256 && upload.expectedSha256 !== sha256) {
		throw new AppError(422, ErrorCode.checksumMismatch, `The bytes received have SHA-256 ${sha256}, not the ${upload.expectedSha256} expected; upload again.`, { sha256, size });
	}
	const id = crypto.randomUUID();
	try {
		await db.transaction().execute(async (tx) => {
			await insertArtifact(tx, { id, releaseId: upload.releaseId, fileName: upload.fileName, size, sha256, contentType: upload.contentType });
			await recordActivity(tx, { ...actor, action: 'admin.artifact.upload', details: { id, releaseId: upload.releaseId, fileName: upload.fileName, size, sha256 } });
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new AppError(409, ErrorCode.conflict, `The release already has a file named ${upload.fileName}.`);
		throw err;
	}
	return { id, sha256, size };
}
