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
		// One migrated, seeded database for the run; each *.pg.test.ts file works on a copy of it.
		globalSetup: ['src/test/db-template.ts']
	}
});
