/** The sync status the UI shows (DESIGN §7: always visible), as plain data the engine reports patches of. */
export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'signed-out' | 'outdated';

export interface SyncState {
	online: boolean;
	phase: SyncPhase;
	pendingCount: number;
	attentionCount: number;
	lastSyncAt: string | null;
	lastError: string | null;
	progress: { done: number; total: number | null } | null; // the protocol has no totals, so total stays null
	// A pull is applying pages and more follow (a first sync, a long time offline): views hold their last result
	// and read once it is over rather than re-reading and re-rendering after every page (see live.svelte.ts).
	catchingUp: boolean;
	persisted: boolean | null;
	updateAvailable: boolean;
}

export type ReportStatus = (patch: Partial<SyncState>) => void;

export function initialSyncState(): SyncState {
	return {
		online: true,
		phase: 'idle',
		pendingCount: 0,
		attentionCount: 0,
		lastSyncAt: null,
		lastError: null,
		progress: null,
		catchingUp: false,
		persisted: null,
		updateAvailable: false
	};
}
