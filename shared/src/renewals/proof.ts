/**
 * Proof of purchase attached to a renewal request: a photo or a PDF, checked the same way on the device (before it
 * is kept) and on the server (before a byte is stored). The upload is resumable in chunks and named by an id the
 * device generates, and it names the renewal request it belongs to, so either may reach the server first.
 */
import { z } from 'zod';

export const PROOF_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type ProofType = (typeof PROOF_TYPES)[number];
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;
/** What one PUT carries at most: under the server's 1 MiB body limit, and small enough to show progress. */
export const PROOF_CHUNK_BYTES = 256 * 1024;

export type ProofProblem = 'type' | 'size' | 'empty';

export function proofFileProblem(contentType: string, size: number): ProofProblem | null {
	if (!(PROOF_TYPES as readonly string[]).includes(contentType)) return 'type';
	if (size <= 0) return 'empty';
	return size > PROOF_MAX_BYTES ? 'size' : null;
}

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256');

/** `POST /api/uploads`: start an upload, or ask where it stands (the same request again answers the same). */
export const ProofUploadRequest = z.object({
	id: z.uuid(),
	accountId: z.uuid(),
	contractId: z.uuid(),
	renewalId: z.uuid(), // the `contract.renew` request it proves
	fileName: z.string().trim().min(1).max(200).regex(/^[^\p{Cc}]+$/u, 'no control characters'), // Postgres text holds no NUL
	contentType: z.string().max(100), // one of PROOF_TYPES, checked with a clear error of its own
	size: z.number().int().min(0).max(2 ** 40),
	sha256: Sha256Hex
});
export type ProofUploadRequest = z.infer<typeof ProofUploadRequest>;

/** Where an upload stands. `id` may be an earlier upload of the same bytes for the same contract (the server keeps one). */
export const ProofUploadState = z.object({
	id: z.uuid(),
	received: z.number().int().nonnegative(),
	size: z.number().int().nonnegative(),
	complete: z.boolean()
});
export type ProofUploadState = z.infer<typeof ProofUploadState>;

/** `Content-Range: bytes <start>-<end>/<size>` of a chunk (end inclusive), or null when it is not that. */
export function parseContentRange(header: string | undefined): { start: number; end: number; size: number } | null {
	const m = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/.exec(header?.trim() ?? '');
	if (!m) return null;
	const [start, end, size] = [Number(m[1]), Number(m[2]), Number(m[3])];
	return start <= end && end < size ? { start, end, size } : null;
}
