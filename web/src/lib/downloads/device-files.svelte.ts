/**
 * Files on this device: downloads (fetched into the Origin Private File System, verified, then saved) and pins
 * (kept there for offline use until unpinned). Transfers in progress are reactive state for the screen; what is
 * pinned is in Dexie (`pins`), so it survives reloads and app updates. Pausing aborts the fetch and keeps the bytes
 * written so far; pinning again resumes from there.
 */
import type { ArtifactInfo } from '@keyfield/shared';
import { getDb, type PinEntry } from '../db/db.ts';
import { directory, transfer, type TransferResult } from './transfer.ts';

export type TransferState = {
	kind: 'pin' | 'download';
	received: number;
	total: number;
	status: 'running' | 'paused' | 'verified' | 'failed';
	/** The failure's code (for its words) when status is 'failed'. */
	code?: string;
	message?: string;
};

export const transfers = $state<Record<string, TransferState>>({});
// Transfers under way, so a pause can abort one and an unpin can wait for its file to be closed before deleting it.
const running = new Map<string, { controller: AbortController; done: Promise<TransferResult> }>();

async function stop(artifactId: string): Promise<void> {
	const current = running.get(artifactId);
	current?.controller.abort();
	await current?.done;
}

async function run(kind: TransferState['kind'], artifact: ArtifactInfo): Promise<TransferResult> {
	await stop(artifact.id);
	const controller = new AbortController();
	transfers[artifact.id] = { kind, received: 0, total: artifact.size, status: 'running' };
	const done = directory(kind === 'pin' ? 'pins' : 'downloads')
		.then((dir) => transfer(dir, artifact, (p) => Object.assign(transfers[artifact.id]!, p), controller.signal))
		.catch((err: unknown): TransferResult => ({ ok: false, failure: { code: 'storage', message: err instanceof Error ? err.message : String(err) } }));
	running.set(artifact.id, { controller, done });
	const result = await done;
	running.delete(artifact.id);
	const state = transfers[artifact.id]!;
	if (result.ok) state.status = 'verified';
	else if (result.failure.code === 'aborted') state.status = 'paused';
	else Object.assign(state, { status: 'failed', code: result.failure.code, message: result.failure.message });
	return result;
}

export function pause(artifactId: string): void {
	running.get(artifactId)?.controller.abort();
}

/** Keeps an artifact on the device; pinning a partial one again resumes it. */
export async function pin(releaseId: string, artifact: ArtifactInfo): Promise<void> {
	const db = getDb();
	await db.pins.put({
		artifactId: artifact.id,
		releaseId,
		fileName: artifact.fileName,
		size: artifact.size,
		sha256: artifact.sha256,
		contentType: artifact.contentType,
		state: 'partial',
		pinnedAt: new Date().toISOString()
	});
	const result = await run('pin', artifact);
	if (result.ok) await db.pins.update(artifact.id, { state: 'pinned' });
}

/** Pins every file of a release not yet pinned, one after the other (a site visit needs all of them). */
export async function pinAll(releaseId: string, artifacts: readonly ArtifactInfo[]): Promise<void> {
	const db = getDb();
	for (const artifact of artifacts) if ((await db.pins.get(artifact.id))?.state !== 'pinned') await pin(releaseId, artifact);
}

/** The artifact a pin keeps, as `transfer` takes it (to resume a partial pin from the pinned list). */
export function pinnedArtifact(p: PinEntry): ArtifactInfo {
	return { id: p.artifactId, fileName: p.fileName, size: p.size, sha256: p.sha256, contentType: p.contentType };
}

/** Frees the files of pins that are gone (cleared at sign-out, or an unpin interrupted by a closed tab). */
export async function sweepUnpinned(): Promise<void> {
	const [dir, kept] = await Promise.all([directory('pins'), getDb().pins.toCollection().primaryKeys()]);
	const keep = new Set<string>(kept);
	const names: string[] = [];
	for await (const name of dir.keys()) if (!keep.has(name) && !running.has(name)) names.push(name);
	for (const name of names) await dir.removeEntry(name);
}

export async function unpin(artifactId: string): Promise<void> {
	await stop(artifactId);
	await (await directory('pins')).removeEntry(artifactId).catch(() => undefined); // never written: nothing to free
	await getDb().pins.delete(artifactId);
	delete transfers[artifactId];
}

/** Downloads, verifies and saves an artifact. Only the latest download stays in the app's storage (a save may still
 * be reading it); earlier ones are freed first. */
export async function download(artifact: ArtifactInfo): Promise<void> {
	const dir = await directory('downloads');
	const names: string[] = [];
	for await (const name of dir.keys()) if (name !== artifact.id && !running.has(name)) names.push(name);
	for (const name of names) await dir.removeEntry(name);
	const result = await run('download', artifact);
	if (result.ok) saveFile(result.file, artifact.fileName, artifact.contentType);
}

/** Hands a file to the browser's own downloads (works offline: the bytes are on the device). */
export function saveFile(file: Blob, fileName: string, contentType: string): void {
	const url = URL.createObjectURL(file.type ? file : new Blob([file], { type: contentType }));
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function pinnedFile(artifactId: string): Promise<File> {
	return (await (await directory('pins')).getFileHandle(artifactId)).getFile();
}

/** Shares through the system sheet where the browser can share files (Web Share API); false where it cannot. */
export async function shareFile(file: File, fileName: string, contentType: string): Promise<boolean> {
	const named = new File([file], fileName, { type: contentType });
	if (!navigator.canShare?.({ files: [named] })) return false;
	await navigator.share({ files: [named] }).catch(() => undefined); // the person closed the sheet
	return true;
}

export function canShareFiles(): boolean {
	return typeof navigator !== 'undefined' && typeof navigator.canShare === 'function';
}

export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
	if (!navigator.storage?.estimate) return null;
	const { usage = 0, quota = 0 } = await navigator.storage.estimate();
	return { usage, quota };
}
