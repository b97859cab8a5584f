/**
 * The reactive sync status (DESIGN §7: always visible). Components read `syncStatus.*`; only the data layer
 * writes, through `updateSyncStatus`, plus the UI's service-worker flow through `setUpdateAvailable`.
 */
import { initialSyncState, type SyncState } from './sync-state.ts';

const state = $state<SyncState>(initialSyncState());

export const syncStatus: Readonly<SyncState> = state;

export function updateSyncStatus(patch: Partial<SyncState>): void {
	Object.assign(state, patch);
}

/** A new app version is waiting (service worker): the UI offers it, and syncs first while operations are queued. */
export function setUpdateAvailable(available: boolean): void {
	state.updateAvailable = available;
}
