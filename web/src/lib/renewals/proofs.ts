/**
 * Proof of purchase on the device. A photo or PDF chosen for a renewal request is checked (type, size), hashed
 * (SHA-256) and kept in IndexedDB in the same transaction that queues `contract.renew`, so neither is kept without
 * the other. The renewal does not wait for the file: the upload names the renewal, and the server takes either
 * first. `uploadProofs` (after each sync) sends what waits in chunks from where the server is.
 */
import { PROOF_CHUNK_BYTES, ProofUploadState, proofFileProblem, type ContractRow, type ProofProblem } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type ProofEntry } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';
import { enqueue } from '../ops/enqueue.ts';
import { callApi, NO_RESPONSE, type Fetch } from '../sync/api.ts';

export type ChosenProof = Pick<ProofEntry, 'fileName' | 'contentType' | 'size' | 'sha256' | 'file'>;

function hex(buffer: ArrayBuffer): string {
	return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The file as proof, or why it cannot be one (checked here so nothing unusable waits on the device). */
export async function chooseProof(file: File): Promise<{ ok: true; proof: ChosenProof } | { ok: false; problem: ProofProblem }> {
	const problem = proofFileProblem(file.type, file.size);
	if (problem) return { ok: false, problem };
	const sha256 = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
	// The name as the server takes it: no control characters, at most 200 characters.
	const fileName = file.name.replace(/\p{Cc}/gu, '_').trim().slice(0, 200) || 'proof';
	return { ok: true, proof: { fileName, contentType: file.type, size: file.size, sha256, file } };
}

/** Queues the renewal and keeps its proof (if any) beside it, in one transaction. */
export async function requestRenewal(contract: Pick<ContractRow, 'id' | 'accountId'>, proof: ChosenProof | null, db: KeyfieldDb = getDb()): Promise<void> {
	const renewalId = crypto.randomUUID();
	await db.transaction('rw', db.meta, db.outbox, db.proofs, async () => {
		await enqueue('contract.renew', { renewalId, contractId: contract.id, accountId: contract.accountId }, db);
		if (!proof) return;
		const user = (await getMeta(db, 'user'))!; // enqueue has just refused when nobody is signed in
		const id = crypto.randomUUID();
		await db.proofs.add({ ...proof, id, uploadId: id, renewalId, contractId: contract.id, accountId: contract.accountId, userId: user.id, sent: 0, state: 'waiting', attachedAt: new Date().toISOString() });
	});
}

/** What a status < 500 other than these means: the server will never take this file; say why and stop. */
const RETRYABLE = new Set([NO_RESPONSE, 401, 408, 429]);

async function uploadOne(db: KeyfieldDb, fetchFn: Fetch, entry: ProofEntry): Promise<'done' | 'stopped'> {
	const started = await callApi(fetchFn, '/api/uploads', ProofUploadState, {
		id: entry.uploadId,
		accountId: entry.accountId,
		contractId: entry.contractId,
		renewalId: entry.renewalId,
		fileName: entry.fileName,
		contentType: entry.contentType,
		size: entry.size,
		sha256: entry.sha256
	});
	if (!started.ok) return stop(db, entry, started.status, started.message);
	let { id, received, complete } = started.data;
	await db.proofs.update(entry.id, { uploadId: id, sent: received });
	let damaged = 0; // sent again from the start after a refused checksum at most twice: a third is not the line's fault
	while (!complete) {
		const end = Math.min(received + PROOF_CHUNK_BYTES, entry.size);
		let res: Response;
		try {
			res = await fetchFn(`/api/uploads/${id}`, {
				method: 'PUT',
				credentials: 'same-origin',
				headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${received}-${end - 1}/${entry.size}` },
				body: entry.file.slice(received, end)
			});
		} catch {
			return 'stopped'; // offline again: the next sync resumes from `sent`
		}
		const json = (await res.json().catch(() => null)) as { received?: number; complete?: boolean; error?: { message: string; details?: { received?: number } } } | null;
		if (res.ok && typeof json?.received === 'number') {
			received = json.received;
			complete = json.complete === true;
		} else if ((res.status === 409 || (res.status === 422 && ++damaged < 3)) && typeof json?.error?.details?.received === 'number') {
			// Behind or ahead of the server (another tab sent a chunk), or the bytes arrived damaged: go on from where it is.
			received = json.error.details.received;
		} else {
			return stop(db, entry, res.status, json?.error?.message ?? `HTTP ${res.status}`);
		}
		await db.proofs.update(entry.id, { sent: received });
	}
	// The server has every byte: the device keeps the record (for "uploaded") but frees the file's space.
	await db.proofs.update(entry.id, { sent: entry.size, state: 'done', file: new Blob([]) });
	return 'done';
}

async function stop(db: KeyfieldDb, entry: ProofEntry, status: number, message: string): Promise<'stopped'> {
	if (!RETRYABLE.has(status) && status < 500) await db.proofs.update(entry.id, { state: 'failed', problem: message });
	return 'stopped';
}

let running: Promise<void> | null = null;

/** Sends every waiting proof of the signed-in user; one run at a time per tab, and one tab at a time where Web Locks exist. */
export function uploadProofs(fetchFn: Fetch, db: KeyfieldDb = getDb()): Promise<void> {
	running ??= (async () => {
		const run = async () => {
			const user = await getMeta(db, 'user');
			if (!user) return;
			const waiting = (await db.proofs.where('userId').equals(user.id).toArray()).filter((p) => p.state === 'waiting');
			for (const entry of waiting) await uploadOne(db, fetchFn, entry);
		};
		const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
		await (locks ? locks.request('keyfield-proof-upload', run) : run());
	})().finally(() => (running = null));
	return running;
}

/** The proofs kept with a contract's renewal requests on this device, newest first. */
export async function contractProofs(contractId: string, db: KeyfieldDb = getDb()): Promise<ProofEntry[]> {
	return (await db.proofs.where('contractId').equals(contractId).toArray()).sort((a, b) => b.attachedAt.localeCompare(a.attachedAt));
}
