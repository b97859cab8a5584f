import { Migrator, type Kysely, type Migration } from 'kysely';
import { assignMissingShareCodes } from './sharing.repository.ts';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_license_origins.ts';
import * as m0003 from './migrations/0003_vouchers.ts';
import * as m0004 from './migrations/0004_upgrade_notifications.ts';
import * as m0005 from './migrations/0005_enterprise_agreements.ts';
import * as m0006 from './migrations/0006_host_activations.ts';
import * as m0007 from './migrations/0007_sharing_custom_fields.ts';
import * as m0008 from './migrations/0008_contracts.ts';
import * as m0009 from './migrations/0009_downloads.ts';
import * as m0010 from './migrations/0010_security.ts';
import * as m0011 from './migrations/0011_renewal_proofs.ts';
import * as m0012 from './migrations/0012_members.ts';
import * as m0013 from './migrations/0013_seats.ts';
import * as m0015 from './migrations/0015_integrations.ts';
import * as m0014 from './migrations/0014_delegation_scope.ts';
import * as m0016 from './migrations/0016_console_indexes.ts';
import * as m0017 from './migrations/0017_certificate_references.ts';
import * as m0018 from './migrations/0018_catalog_indexes.ts';
import * as m0020 from './migrations/0020_pending_orders.ts';

/** Listed by hand, not read from disk, so the set is the same under tsx, Vitest and a bundler. */
const migrations: Record<string, Migration> = {
	'0001_initial': m0001,
	'0002_license_origins': m0002,
	'0003_vouchers': m0003,
	'0004_upgrade_notifications': m0004,
	'0005_enterprise_agreements': m0005,
	'0006_host_activations': m0006,
	'0007_sharing_custom_fields': m0007,
	'0008_contracts': m0008,
	'0009_downloads': m0009,
	'0010_security': m0010,
	'0011_renewal_proofs': m0011,
	'0012_members': m0012,
	'0013_seats': m0013,
	'0014_delegation_scope': m0014,
	'0015_integrations': m0015,
	'0016_console_indexes': m0016,
	'0017_certificate_references': m0017,
	'0018_catalog_indexes': m0018,
	'0020_pending_orders': m0020
};

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
	// Unordered: capabilities are built side by side, so a database may have run 0005 before 0004 exists; every
	// migration only adds, so running the missing ones afterwards is safe.
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
	const { error, results } = await migrator.migrateToLatest();
	for (const r of results ?? []) if (r.status === 'Error') console.error(`migration ${r.migrationName} failed`);
	if (error) throw error instanceof Error ? error : new Error(String(error));
	// Share codes carry check characters computed in code, so accounts older than migration 0007 get theirs here.
	await assignMissingShareCodes(db);
}
