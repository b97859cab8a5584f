/**
 * Reads a Dexie liveQuery observable as reactive state. The source is a function, so a view that depends on
 * state (the current workspace, a route param) resubscribes when that state changes. Call it during component
 * initialisation. Rows are kept raw (not deeply proxied): a workspace can hold 10,000 licenses.
 */
import type { Observable } from 'dexie';

export interface Live<T> {
	/** undefined until the first result, and after it when the view itself is undefined (a row not found). */
	readonly current: T | undefined;
	/** The first result has arrived. */
	readonly loaded: boolean;
}

export function live<T>(source: () => Observable<T> | null): Live<T> {
	let value = $state.raw<T | undefined>(undefined);
	let loaded = $state(false);
	$effect(() => {
		const observable = source();
		value = undefined;
		loaded = false;
		if (!observable) return;
		const subscription = observable.subscribe((v) => {
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
