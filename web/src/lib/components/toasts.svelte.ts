/** Short notices ("your key has arrived") read out by the live region in Toasts.svelte. */
export interface Toast {
	id: number;
	text: string;
	href?: string;
	linkText?: string;
}

const SHOW_MS = 8_000;

class Toasts {
	#items = $state<Toast[]>([]);
	#next = 1;

	get items(): readonly Toast[] {
		return this.#items;
	}

	show(toast: Omit<Toast, 'id'>): void {
		const id = this.#next++;
		this.#items.push({ ...toast, id });
		setTimeout(() => this.dismiss(id), SHOW_MS);
	}

	dismiss(id: number): void {
		this.#items = this.#items.filter((t) => t.id !== id);
	}
}

export const toasts = new Toasts();

/** Licenses whose key a screen shows as it arrives: no notice needed for those. */
export const licensesOnScreen = new Set<string>();

/** Marks the license as on screen while the calling component shows it (call during initialisation). */
export function showingLicense(id: () => string): void {
	$effect(() => {
		const shown = id();
		licensesOnScreen.add(shown);
		return () => licensesOnScreen.delete(shown);
	});
}
