import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// The sync server serves build/ and answers every other non-/api GET with 200.html (the SPA shell).
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
		// The PWA plugin registers the Workbox service worker; Kit's own would compete with it.
		serviceWorker: { register: false }
	}
};

export default config;
