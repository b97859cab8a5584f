/**
 * Proof-of-purchase uploads: started (or resumed) with the file's name, type, size and SHA-256, then sent in chunks
 * at the offset the server has reached. A chunk sent again is recognised by its range and stored once; the same
 * bytes started again for the same contract answer the first upload; the last chunk is accepted only when every
 * byte hashes to the SHA-256 named at the start. Who may renew the account's contracts may attach proof to them.
 */
import { ErrorCode, mayPerform, PROOF_MAX_BYTES, PROOF_TYPES, proofFileProblem, type ProofUploadRequest, type ProofUploadState } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import { recordActivity } from '../db/activity.repository.ts';
import * as uploads from '../db/proof-uploads.repository.ts';
import type { Database } from '../db/schema.ts';
import { accountAccess } from '../db/scope.repository.ts';
import { AppError, forbidden, notFound } from '../errors.ts';

type Db = Kysely<Database>;
export type Actor = { userId: string; ip: string | null };

const unknownUpload = () => notFound('No such upload in your workspaces.');

/** 404 outside the user's scope (the same words as an unknown upload), 403 for a role that may not renew. */
async function authorize(db: Db, userId: string, accountId: string, unknown: () => AppError): Promise<void> {
	const access = await accountAccess(db, userId, accountId);
	if (!access) throw unknown();
	if (!mayPerform('contract.renew', access)) throw forbidden('Only an admin of this workspace can attach proof of purchase to its renewals.');
}

function checkFile(contentType: string, size: number): void {
	switch (proofFileProblem(contentType, size)) {
		case 'type':
			throw new AppError(415, ErrorCode.fileTypeNotAllowed, `Proof of purchase is a photo (JPEG, PNG or WebP) or a PDF, not ${contentType || 'a file of unknown type'}.`, { allowed: PROOF_TYPES });
		case 'size':
			throw new AppError(413, ErrorCode.fileTooLarge, `Proof of purchase is at most 10 MB; this file has ${size} bytes.`, { maxBytes: PROOF_MAX_BYTES, size });
		case 'empty':
			throw new AppError(400, ErrorCode.badRequest, 'The file is empty.');
		case null:
	}
}

const stateOf = (u: uploads.ProofUpload): ProofUploadState => ({ id: u.id, received: u.received, size: u.size, complete: u.completed_at !== null });

export async function startUpload(db: Db, actor: Actor, input: ProofUploadRequest): Promise<ProofUploadState> {
	checkFile(input.contentType, input.size);
	await authorize(db, actor.userId, input.accountId, unknownUpload);
	const contract = await db.selectFrom('contracts').select('id').where('id', '=', input.contractId).where('account_id', '=', input.accountId).executeTakeFirst();
	if (!contract) throw notFound('This contract is not known in this workspace.');
	const same = (u: uploads.ProofUpload) => u.account_id === input.accountId && u.contract_id === input.contractId && u.sha256 === input.sha256 && u.size === input.size;

	const existing = (await uploads.findUpload(db, input.id)) ?? (await uploads.findSameBytes(db, input.accountId, input.contractId, input.sha256));
	if (existing) {
		if (existing.account_id !== input.accountId) throw unknownUpload();
		if (!same(existing)) throw new AppError(409, ErrorCode.conflict, `Upload ${input.id} was started for another file.`);
		return stateOf(existing);
	}
	await db.transaction().execute(async (tx) => {
		await uploads.insertUpload(tx, { ...input, userId: actor.userId });
		await recordActivity(tx, { ...actor, accountId: input.accountId, action: 'contract.proof.start', details: { uploadId: input.id, contractId: input.contractId, renewalId: input.renewalId, fileName: input.fileName, contentType: input.contentType, size: input.size, sha256: input.sha256 } });
	});
	// A racing start may have won with another id for the same bytes: answer whichever row holds them.
	const row = (await uploads.findUpload(db, input.id)) ?? (await uploads.findSameBytes(db, input.accountId, input.contractId, input.sha256));
	return stateOf(row!);
}

function digest(chunks: readonly Uint8Array[]): string {
	const hash = createHash('sha256');
	for (const chunk of chunks) hash.update(chunk);
	return hash.digest('hex');
}

export async function putChunk(db: Db, actor: Actor, id: string, range: { start: number; end: number; size: number }, bytes: Uint8Array): Promise<ProofUploadState> {
	if (bytes.length !== range.end - range.start + 1) {
		throw new AppError(400, ErrorCode.badRequest, `The body has ${bytes.length} bytes; Content-Range names ${range.end - range.start + 1}.`);
	}
	const outcome = await db.transaction().execute(async (tx) => {
		const upload = await uploads.lockUpload(tx, id);
		if (!upload) throw unknownUpload();
		await authorize(tx, actor.userId, upload.account_id, unknownUpload);
		if (range.size !== upload.size) throw new AppError(400, ErrorCode.badRequest, `The upload has ${upload.size} bytes, not ${range.size}.`, { size: upload.size });
		// Already complete, or a chunk sent again (its response was lost): nothing to add.
		if (upload.completed_at !== null || range.end < upload.received) return { state: stateOf(upload), mismatch: false };
		if (range.start > upload.received) {
			throw new AppError(409, ErrorCode.conflict, `The server has the first ${upload.received} bytes; send from there.`, { received: upload.received });
		}
		const received = range.end + 1;
		await uploads.appendChunk(tx, { uploadId: id, accountId: upload.account_id, start: upload.received, bytes: bytes.subarray(upload.received - range.start), received });
		if (received < upload.size) return { state: { ...stateOf(upload), received }, mismatch: false };
		if (digest(await uploads.uploadChunks(tx, id, upload.account_id)) !== upload.sha256) {
			await uploads.resetUpload(tx, id, upload.account_id);
			return { state: { ...stateOf(upload), received: 0 }, mismatch: true };
		}
		await uploads.completeUpload(tx, id, upload.account_id);
		await recordActivity(tx, { ...actor, accountId: upload.account_id, action: 'contract.proof.upload', details: { uploadId: id, contractId: upload.contract_id, renewalId: upload.renewal_id, size: upload.size, sha256: upload.sha256 } });
		return { state: { ...stateOf(upload), received, complete: true }, mismatch: false };
	});
	if (outcome.mismatch) {
		throw new AppError(422, ErrorCode.checksumMismatch, 'The bytes received do not have the SHA-256 the upload named; send the file again from the start.', { received: 0 });
	}
	return outcome.state;
}

/** Vendor: the proofs attached to a contract's renewal requests. */
export async function contractProofs(db: Db, contractId: string) {
	const contract = await db.selectFrom('contracts').select('account_id').where('id', '=', contractId).executeTakeFirst();
	if (!contract) throw notFound(`No contract ${contractId}.`);
	const rows = await uploads.contractUploads(db, contractId, contract.account_id);
	return {
		proofs: rows.map((u) => ({
			id: u.id,
			renewalId: u.renewal_id,
			fileName: u.file_name,
			contentType: u.content_type,
			size: u.size,
			sha256: u.sha256,
			received: u.received,
			complete: u.completed_at !== null,
			uploadedBy: u.email,
			completedAt: u.completed_at === null ? null : new Date(u.completed_at).toISOString()
		}))
	};
}

/** Vendor: a complete proof's bytes, found through its contract (so its account). */
export async function proofFile(db: Db, contractId: string, uploadId: string) {
	const upload = await uploads.findUpload(db, uploadId);
	if (!upload || upload.contract_id !== contractId || upload.completed_at === null) throw notFound(`No complete proof ${uploadId} on contract ${contractId}.`);
	const chunks = await uploads.uploadChunks(db, uploadId, upload.account_id);
	return { upload, bytes: Buffer.concat(chunks) };
}
