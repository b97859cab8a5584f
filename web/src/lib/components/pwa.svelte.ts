/**
 * The service worker's update state. registerType is 'prompt': a new version waits until the person chooses to
 * update, and the prompt refuses while operations are queued (they would be pushed by the old code, which knows
 * their schema; DESIGN §7), unless the server already refuses this version (then updating is the only way on,
 * and the outbox in IndexedDB survives the reload).
 */
import { setUpdateAvailable } from '$lib/sync/status.svelte.ts';

const HOURLY = 60 * 60 * 1000;

class Pwa {
	#needRefresh = false;
	#update: ((reload?: boolean) => Promise<void>) | null = null;

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		const { registerSW } = await import('virtual:pwa-register');
		this.#update = registerSW({
			onNeedRefresh: () => {
				this.#needRefresh = true;
				setUpdateAvailable(true);
			},
			// A phone keeps the app open for days: look for a new version now and then, not only at start.
			onRegisteredSW: (_url, registration) => {
				if (registration) setInterval(() => void registration.update().catch(() => {}), HOURLY);
			}
		});
	}

	/** Activates the waiting worker and reloads; with no waiting worker (server says outdated), just reloads. */
	async apply(): Promise<void> {
		if (this.#needRefresh && this.#update) {
			// The register helper reloads only when this page was already controlled at load; a tab opened on the
			// very first visit was not, so reload here when the new worker takes over.
			navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
			await this.#update(true);
		} else location.reload();
	}
}

export const pwa = new Pwa();
