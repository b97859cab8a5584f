/**
 * The app's sync engine, wired to the browser: triggers are app start, `online`, the page becoming visible, a
 * 30 s timer, SSE pokes, new queued operations, Background Sync (background-sync.ts) and `syncNow()`. The loop itself is SyncEngine (injectable).
 */
import { liveQuery } from 'dexie';
import { getDb, type KeyfieldDb } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';
import { refreshPublicKeys } from '../keys/public-keys.ts';
import { uploadProofs } from '../renewals/proofs.ts';
import { checkReminderNotifications } from '../renewals/reminder-notices.ts';
import { session } from '../session/session.svelte.ts';
import { defaultFetch } from './api.ts';
import { requestBackgroundSync } from './background-sync.ts';
import { queueCounts } from './counts.ts';
import { askPersistence, storagePersisted } from './persistence.ts';
import { PokeStream } from './poke-stream.ts';
import { updateSyncStatus } from './status.svelte.ts';
import { SyncEngine, type Locks } from './sync-engine.ts';

export const SYNC_INTERVAL_MS = 30_000;

const arrivedListeners = new Set<(licenseId: string) => void>();
let engine: SyncEngine | null = null;

function browserLocks(): Locks | null {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	return locks ? { request: (name, callback) => locks.request(name, callback) } : null;
}

function wire(sync: SyncEngine, db: KeyfieldDb, pokes: PokeStream): void {
	const storage = navigator.storage as StorageManager | undefined;
	const setOnline = () => updateSyncStatus({ online: navigator.onLine });

	setOnline();
	window.addEventListener('online', () => {
		setOnline();
		// The stream first, so a write landing while this sync runs still pokes this device.
		if (session.status === 'signed-in') pokes.reopen();
		void sync.sync();
	});
	window.addEventListener('offline', () => {
		setOnline();
		pokes.close(); // no reconnect attempts into a dead network; reopened on 'online'
		updateSyncStatus({ phase: 'offline' });
	});
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') void sync.sync();
	});
	setInterval(() => {
		if (document.visibilityState === 'visible') void sync.sync();
	}, SYNC_INTERVAL_MS);

	let unsent = 0;
	liveQuery(() => queueCounts(db)).subscribe((counts) => {
		updateSyncStatus({ pendingCount: counts.pendingCount, attentionCount: counts.attentionCount });
		// Something new was queued (in any tab): send it now rather than at the next timer tick.
		if (counts.unsentCount > unsent) {
			sync.poke();
			void requestBackgroundSync(); // and let the browser send it when the signal is back, even with the app closed
		}
		unsent = counts.unsentCount;
	});

	void storagePersisted(storage).then((persisted) => updateSyncStatus({ persisted }));
	// After an offline reload, "last synced" still says when, not "never".
	void getMeta(db, 'lastSyncAt').then((lastSyncAt) => lastSyncAt && updateSyncStatus({ lastSyncAt }));
	session.onChange((event) => {
		if (event !== 'signed-in') {
			pokes.close();
			updateSyncStatus({ phase: 'signed-out' });
			return;
		}
		pokes.open();
		void sync.resume();
		void askPersistence(db, storage).then((persisted) => updateSyncStatus({ persisted }));
	});
}

/** Idempotent; call once the app has restored the session. Does nothing outside a browser. */
export function startSync(): void {
	if (engine || typeof window === 'undefined') return;
	const db = getDb();
	const pokes = new PokeStream((url) => new EventSource(url), () => engine?.poke());
	engine = new SyncEngine({
		db,
		fetch: defaultFetch,
		report: updateSyncStatus,
		onUnauthorized: () => session.markExpired(),
		onLicenseArrived: (licenseId) => arrivedListeners.forEach((listener) => listener(licenseId)),
		onSynced: () => {
			// The stream gives up on an HTTP error (a 401 before sign-in); a good sync means it may work now.
			if (session.status === 'signed-in') pokes.open();
			void refreshPublicKeys(db, defaultFetch);
			// Proof-of-purchase files go up after the queue (the renewal never waits for them); reminders follow the pull.
			void uploadProofs(defaultFetch, db);
			void checkReminderNotifications();
		},
		locks: browserLocks()
	});
	wire(engine, db, pokes);
	void checkReminderNotifications(); // what is due is due when the app opens, signal or not
	void engine.sync();
}

/** The manual "Sync now". */
export function syncNow(): Promise<void> {
	startSync();
	return engine?.sync() ?? Promise.resolve();
}

/** A pending license got its key (its server row arrived). Returns the unsubscribe function. */
export function onLicenseArrived(callback: (licenseId: string) => void): () => void {
	arrivedListeners.add(callback);
	return () => arrivedListeners.delete(callback);
}
