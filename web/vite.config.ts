import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

const THEME = '#1d4ed8';

export default defineConfig({
	plugins: [
		// First, so src/lib/paraglide exists before Svelte files that import it are transformed.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// A static SPA has no server to read a cookie: remember the choice on the device, else follow the browser.
			strategy: ['localStorage', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit(),
		SvelteKitPWA({
			// Our own worker (src/service-worker.ts, bundled by SvelteKit): Workbox precaching plus Background Sync of the outbox.
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			// 'prompt': an update waits for the user, who is told to sync first while operations are queued.
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				name: 'Keyfield',
				short_name: 'Keyfield',
				description: 'Your licenses and keys, offline.',
				theme_color: THEME,
				background_color: '#ffffff',
				display: 'standalone',
				start_url: '/',
				scope: '/',
				icons: [
					{ src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest}', 'prerendered/**/*.html']
			},
			// The adapter writes 200.html after the service worker is generated: name it so it is precached anyway.
			kit: { adapterFallback: '200.html', spa: true },
			devOptions: { enabled: false }
		})
	],
	server: {
		proxy: {
			// ws also lets the SSE stream of /api/sync/events through unbuffered. KEYFIELD_API points dev at
			// a sync server on another port (e.g. one started by the e2e suite).
			'/api': { target: process.env.KEYFIELD_API ?? 'http://localhost:8787', changeOrigin: false, ws: true }
		}
	}
});
