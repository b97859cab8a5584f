// Runes in a test: the file is named .svelte.test.ts so Svelte's compiler handles it.
import type { Observable } from 'dexie';
import { tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { updateSyncStatus } from '../sync/status.svelte.ts';
import { live, type Live } from './live.svelte.ts';

/** A stand-in for a liveQuery: each subscription gets the current value at once (as a liveQuery's first read
 * would) and every later `emit` while subscribed; it counts the reads it was asked for. */
function source<T>(initial: T) {
	let value = initial;
	const listeners = new Set<(v: T) => void>();
	let reads = 0;
	const observable = {
		subscribe(next: (v: T) => void) {
			reads++;
			listeners.add(next);
			next(value);
			return { unsubscribe: () => listeners.delete(next) };
		}
	} as unknown as Observable<T>;
	return {
		observable,
		emit(next: T) {
			value = next;
			for (const listener of listeners) listener(next);
		},
		get reads() {
			return reads;
		},
		get listening() {
			return listeners.size;
		}
	};
}

async function mount<T>(make: () => Observable<T> | null): Promise<{ view: Live<T>; destroy: () => void }> {
	let view!: Live<T>;
	const destroy = $effect.root(() => {
		view = live(make);
	});
	await tick();
	return { view, destroy };
}

afterEach(() => updateSyncStatus({ catchingUp: false }));

describe('live', () => {
	it('follows its source, reading it once', async () => {
		const rows = source([1]);
		const { view, destroy } = await mount(() => rows.observable);
		expect(view.current).toEqual([1]);
		expect(view.loaded).toBe(true);
		rows.emit([1, 2]);
		expect(view.current).toEqual([1, 2]);
		expect(rows.reads).toBe(1);
		destroy();
		expect(rows.listening).toBe(0);
	});

	it('holds its last result while a pull catches up, and reads once when it is over', async () => {
		const rows = source([1]);
		const { view, destroy } = await mount(() => rows.observable);
		updateSyncStatus({ catchingUp: true });
		await tick();
		expect(rows.listening).toBe(0);
		rows.emit([1, 2]); // pages being applied: nobody re-reads
		rows.emit([1, 2, 3]);
		expect(view.current).toEqual([1]);
		updateSyncStatus({ catchingUp: false });
		await tick();
		expect(view.current).toEqual([1, 2, 3]);
		expect(rows.reads).toBe(2);
		expect(rows.listening).toBe(1);
		destroy();
	});

	it('opened during a catch-up, still shows what the device has, then holds', async () => {
		updateSyncStatus({ catchingUp: true });
		const rows = source(['stored']);
		const { view, destroy } = await mount(() => rows.observable);
		expect(view.current).toEqual(['stored']);
		expect(rows.listening).toBe(0);
		destroy();
	});

	it('drops the previous view\'s result when its source changes, during a catch-up too', async () => {
		const acme = source(['acme']);
		const globex = source(['globex']);
		let account = $state<'acme' | 'globex' | null>('acme');
		const { view, destroy } = await mount(() => (account === 'acme' ? acme.observable : account === 'globex' ? globex.observable : null));
		updateSyncStatus({ catchingUp: true });
		account = 'globex';
		await tick();
		expect(view.current).toEqual(['globex']);
		account = null;
		await tick();
		expect(view.current).toBeUndefined();
		expect(view.loaded).toBe(false);
		expect(acme.listening + globex.listening).toBe(0);
		destroy();
	});
});
