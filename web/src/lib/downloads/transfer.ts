/**
 * Fetches an artifact into a file of the Origin Private File System, streamed: each chunk is hashed (incremental
 * SHA-256) and written as it arrives, so an installer of gigabytes never sits in memory. A file already partly
 * there is resumed with a `Range` request after hashing what it holds; the link is signed for this user and
 * artifact by the server, which checks entitlement first. The digest is compared with the release's before the
 * file counts as complete.
 */
import { ErrorBody, ErrorCode, Sha256, SignedDownloadLink, type ArtifactInfo } from '@keyfield/shared';
import { callApi, defaultFetch, type ApiFailure, type Fetch } from '../sync/api.ts';

export type Progress = { received: number; total: number };
type TransferFailure = ApiFailure | { code: 'checksum_mismatch' | 'aborted' | 'storage'; message: string };
export type TransferResult = { ok: true; file: File } | { ok: false; failure: TransferFailure };

export async function directory(name: 'pins' | 'downloads'): Promise<FileSystemDirectoryHandle> {
	return (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
}

function interrupted(signal: AbortSignal, message: string): TransferFailure {
	return signal.aborted ? { code: 'aborted', message: 'Paused.' } : { ok: false, status: 0, code: ErrorCode.unavailable, message, details: {} };
}

/** The server's error (a link expired meanwhile, the file gone) as data, or `unavailable` for anything else. */
async function refusal(res: Response): Promise<ApiFailure> {
	const body = ErrorBody.safeParse(await res.json().catch(() => null));
	const error = body.success ? body.data.error : { code: ErrorCode.unavailable, message: `HTTP ${res.status}`, details: {} };
	return { ok: false, status: res.status, ...error };
}

/** Hashes what a partial file already holds, so the digest covers the whole file once the rest arrives. */
async function hashExisting(file: File, hasher: Sha256): Promise<void> {
	const reader = file.stream().getReader();
	for (let r = await reader.read(); !r.done; r = await reader.read()) hasher.update(r.value);
}

export async function transfer(
	dir: FileSystemDirectoryHandle,
	artifact: ArtifactInfo,
	onProgress: (p: Progress) => void,
	signal: AbortSignal,
	fetchFn: Fetch = defaultFetch
): Promise<TransferResult> {
	const link = await callApi(fetchFn, `/api/downloads/${artifact.id}/url`, SignedDownloadLink, {});
	if (!link.ok) return { ok: false, failure: link };
	const handle = await dir.getFileHandle(artifact.id, { create: true });
	let hasher = new Sha256();
	let existing = await handle.getFile();
	// A leftover longer than the artifact (a different file) or of the whole size but unverified starts over.
	let offset = existing.size < artifact.size ? existing.size : 0;
	if (offset > 0) await hashExisting(existing, hasher);
	const writable = await handle.createWritable({ keepExistingData: offset > 0 });
	try {
		let res: Response;
		try {
			res = await fetchFn(link.data.url, { headers: offset > 0 ? { range: `bytes=${offset}-`, 'if-range': `"${artifact.sha256}"` } : {}, signal, credentials: 'omit' });
		} catch {
			return { ok: false, failure: interrupted(signal, 'Cannot reach the server.') };
		}
		if (!res.ok || !res.body) return { ok: false, failure: await refusal(res) };
		if (res.status === 200 && offset > 0) {
			// The server sent the whole file (it ignored the range): start the hash and the file over.
			offset = 0;
			hasher = new Sha256();
			await writable.truncate(0);
		}
		await writable.seek(offset);
		let received = offset;
		onProgress({ received, total: artifact.size });
		const reader = res.body.getReader();
		try {
			for (let r = await reader.read(); !r.done; r = await reader.read()) {
				hasher.update(r.value);
				await writable.write(r.value);
				received += r.value.length;
				onProgress({ received, total: artifact.size });
			}
		} catch {
			return { ok: false, failure: interrupted(signal, 'The connection dropped.') };
		}
	} finally {
		// close() commits what was written, also when paused or dropped, so the next transfer resumes from there.
		await writable.close();
	}
	existing = await handle.getFile();
	if (hasher.hex() !== artifact.sha256 || existing.size !== artifact.size) {
		await dir.removeEntry(artifact.id);
		return { ok: false, failure: { code: 'checksum_mismatch', message: 'The file arrived damaged (its SHA-256 does not match); try again.' } };
	}
	return { ok: true, file: existing };
}
