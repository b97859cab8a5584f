import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// The sync server serves build/ and answers every other non-/api GET with 200.html (the SPA shell);
		// precompressed .br and .gz beside each file cut a phone's first download (the precache) to about a quarter.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true, precompress: true }),
		// Kit bundles src/service-worker.ts and the PWA plugin injects the precache manifest and registers it (with
		// the update prompt), so Kit must not register it too.
		serviceWorker: { register: false }
	}
};

export default config;
