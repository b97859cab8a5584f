import { svelte } from '@sveltejs/vite-plugin-svelte';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Cross-package integration: the web data layer against the real sync server on a loopback port. Only
// integration/ — the Playwright specs in e2e/ have their own runner. Svelte's compiler is here because the web
// modules under test use runes in `.svelte.ts`; fake-indexeddb is the browser's storage stand-in, installed
// before Dexie reads the global `indexedDB` at import.
export default defineConfig({
	plugins: [svelte({ configFile: false })],
	test: {
		include: ['integration/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['fake-indexeddb/auto'],
		// One server and one database per file; files run in parallel, each in its own process.
		pool: 'forks',
		// Files share a worker's loaded modules (each still gets its own database or server): re-importing the server
		// for every file was most of the suite's time (on 2 cores: the server suite 87 s → 48 s, on PGlite ~230 s → 88 s).
		isolate: false,
		// Vitest's default is cores − 1 files at a time: one on a 2-core CI machine, whose other core then idles while
		// that file waits on its database or server. Files have databases of their own, so two run at a time there.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		// The server's one migrated, seeded database for the run, which each file's server copies.
		globalSetup: ['../sync-server/src/test/db-template.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
