/** Proof-of-purchase uploads (`/api/uploads`) and the vendor's view of them, documented (and so fuzzed). */
import { ErrorCode, ProofUploadRequest, ProofUploadState } from '@keyfield/shared';
import { z } from 'zod';
import type { RouteDoc } from './routes.ts';

const vendorErrors = [ErrorCode.validationFailed, ErrorCode.unauthorized, ErrorCode.forbidden, ErrorCode.notFound];

export const ProofListing = z.object({
	proofs: z.array(
		z.object({
			id: z.uuid(),
			renewalId: z.uuid(),
			fileName: z.string(),
			contentType: z.string(),
			size: z.number().int(),
			sha256: z.string(),
			received: z.number().int(),
			complete: z.boolean(),
			uploadedBy: z.string(),
			completedAt: z.string().nullable()
		})
	)
});

export const renewalRoutes: RouteDoc[] = [
	{
		method: 'post', path: '/api/uploads', summary: "Start (or resume: the same request again) a proof-of-purchase upload for a renewal request: a JPEG, PNG, WebP or PDF of at most 10 MB. Answers how many bytes the server has; the same bytes for the same contract answer the first upload's id", tag: 'uploads', auth: 'user',
		request: ProofUploadRequest, response: { status: 200, schema: ProofUploadState },
		errors: [ErrorCode.invalidJson, ErrorCode.validationFailed, ErrorCode.unauthorized, ErrorCode.forbidden, ErrorCode.notFound, ErrorCode.conflict, ErrorCode.fileTypeNotAllowed, ErrorCode.fileTooLarge, ErrorCode.badRequest]
	},
	{
		method: 'put', path: '/api/uploads/{id}', summary: 'The next chunk of an upload (Content-Range: bytes <start>-<end>/<size>, at most 1 MiB); a chunk sent again is stored once; 409 says where to resume; the last one is refused (422 checksum_mismatch, back to 0) unless every byte has the SHA-256 named at the start', tag: 'uploads', auth: 'user',
		request: { binary: 'the chunk' }, response: { status: 200, schema: ProofUploadState },
		errors: [ErrorCode.validationFailed, ErrorCode.badRequest, ErrorCode.unauthorized, ErrorCode.forbidden, ErrorCode.notFound, ErrorCode.conflict, ErrorCode.checksumMismatch, ErrorCode.payloadTooLarge]
	},
	{ method: 'get', path: '/api/admin/contracts/{id}/proofs', summary: "Proof of purchase attached to a contract's renewal requests (complete or still arriving)", tag: 'vendor', auth: 'vendor', response: { status: 200, schema: ProofListing }, errors: vendorErrors },
	{ method: 'get', path: '/api/admin/contracts/{id}/proofs/{uploadId}', summary: "A complete proof's bytes (ETag: its SHA-256)", tag: 'vendor', auth: 'vendor', response: { status: 200, binary: 'the file, with its media type' }, errors: vendorErrors }
];
