import { Migrator, type Kysely, type Migration } from 'kysely';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_license_origins.ts';
import * as m0006 from './migrations/0006_host_activations.ts';

/** Listed by hand, not read from disk, so the set is the same under tsx, Vitest and a bundler. */
const migrations: Record<string, Migration> = {
	'0001_initial': m0001,
	'0002_license_origins': m0002,
	'0006_host_activations': m0006
};

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	const { error, results } = await migrator.migrateToLatest();
	for (const r of results ?? []) if (r.status === 'Error') console.error(`migration ${r.migrationName} failed`);
	if (error) throw error instanceof Error ? error : new Error(String(error));
}
