import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `*.test.ts` are fast unit specs; `*.pg.test.ts` run against a fresh database per file: real Postgres when
// DATABASE_URL is set, an in-memory PGlite otherwise (see src/test/harness.ts).
export default defineConfig({
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// Files share a worker's loaded modules (each still gets its own database or server): re-importing the server
		// for every file was most of the suite's time (on 2 cores: the server suite 87 s → 48 s, on PGlite ~230 s → 88 s).
		isolate: false,
		// Vitest's default is cores − 1 files at a time: one on a 2-core CI machine, whose other core then idles while
		// that file waits on its database or server. Files have databases of their own, so two run at a time there.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		// One migrated, seeded database for the run; each *.pg.test.ts file works on a copy of it.
		globalSetup: ['src/test/db-template.ts']
	}
});
