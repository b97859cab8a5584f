/**
 * Background Sync (DESIGN §4 triggers; Chromium only, so the page drains the outbox on its own triggers too).
 * The page asks for a one-off sync whenever something is queued; the browser wakes the service worker when a
 * connection is back — even after every tab was closed — and the worker runs the same SyncEngine the page runs.
 * Both take the same Web Lock, so a push never runs twice at once.
 */
import type { KeyfieldDb } from '../db/db.ts';
import type { Fetch } from './api.ts';
import { SyncEngine, type Locks } from './sync-engine.ts';
import type { SyncPhase } from './sync-state.ts';

export const OUTBOX_SYNC_TAG = 'keyfield-outbox';

type SyncManagerLike = { register(tag: string): Promise<void> };

/** From the page: harmless where Background Sync is missing or the worker is not installed yet. */
export async function requestBackgroundSync(): Promise<void> {
	if (typeof navigator === 'undefined' || !navigator.serviceWorker) return;
	const registration = await navigator.serviceWorker.getRegistration();
	const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
	await sync?.register(OUTBOX_SYNC_TAG).catch(() => {});
}

/**
 * From the service worker: one push + pull. Throws when it could not reach the server, so the browser keeps the
 * sync registered and tries again later with its own backoff.
 */
export async function drainOutbox(db: KeyfieldDb, fetch: Fetch, locks: Locks | null): Promise<void> {
	let phase = 'idle' as SyncPhase; // written by the report callback
	const engine = new SyncEngine({
		db,
		fetch,
		locks,
		report: (patch) => (phase = patch.phase ?? phase),
		onUnauthorized: () => {}, // the page asks the person to sign in again; the outbox waits
		onLicenseArrived: () => {} // the page shows the notice when it next opens
	});
	try {
		await engine.sync();
	} finally {
		engine.stop(); // no retry timers in a worker that may be stopped any time
	}
	if (phase === 'offline' || phase === 'error') throw new Error(`background sync did not reach the server (${phase})`);
}
