/**
 * Reads a Dexie liveQuery observable as reactive state. The source is a function, so a view that depends on
 * state (the current workspace, a route param) resubscribes when that state changes. Call it during component
 * initialisation. Rows are kept raw (not deeply proxied): a workspace can hold 10,000 licenses.
 *
 * While a pull catches up (`syncStatus.catchingUp`: pages are being applied and more follow), a view that has a
 * result keeps it and stops listening: otherwise every page's commit re-runs its query over all rows stored so far
 * and re-renders the screen, and a first sync of 10,000 licenses spent most of its time doing that, competing with
 * the sync for the main thread and for IndexedDB. It reads again, once, when the pull is over. A view with no
 * result yet (a screen opened meanwhile) still reads what the device has, then holds.
 */
import type { Observable } from 'dexie';
import { syncStatus } from '../sync/status.svelte.ts';

export interface Live<T> {
	/** undefined until the first result, and after it when the view itself is undefined (a row not found). */
	readonly current: T | undefined;
	/** The first result has arrived. */
	readonly loaded: boolean;
}

export function live<T>(source: () => Observable<T> | null): Live<T> {
	let value = $state.raw<T | undefined>(undefined);
	let loaded = $state(false);
	// Re-derived only when what `source` reads changes: the hold lifting is not a different view.
	const observable = $derived.by(source);
	let shown: Observable<T> | null = null; // the view `value` belongs to
	$effect(() => {
		const current = observable;
		if (current !== shown) {
			shown = current;
			value = undefined;
			loaded = false;
		}
		// `loaded` is read only while catching up, so outside a catch-up the first result does not resubscribe.
		if (!current || (syncStatus.catchingUp && loaded)) return;
		const subscription = current.subscribe((v) => {
			value = v;
			loaded = true;
		});
		return () => subscription.unsubscribe();
	});
	return {
		get current() {
			return value;
		},
		get loaded() {
			return loaded;
		}
	};
}
