import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts: the data layer's tests need Svelte's compiler (for runes in .svelte.ts) but not
// SvelteKit, the PWA plugin or Paraglide.
export default defineConfig({
	// Runes compiled and run as in the browser (Svelte's server build never runs an effect), so the tests of reactive
	// views (live.svelte.test.ts) see what a screen sees; Node stays the environment.
	plugins: [svelte({ dynamicCompileOptions: () => ({ generate: 'client' }) })],
	resolve: { conditions: ['browser'] },
	test: {
		environment: 'node',
		include: ['src/**/*.test.ts'],
		// Dexie reads the global indexedDB once at import; tests isolate with unique database names.
		setupFiles: ['fake-indexeddb/auto'],
		// Files share a worker's loaded modules (importing Dexie, Svelte and the schemas per file was most of the run).
		isolate: false,
		server: { deps: { inline: ['svelte'] } }
	}
});
