/**
 * Vitest global setup: migrates and seeds one database for the whole run, which every test file then copies
 * instead of migrating and seeding its own (that took most of each file's five to seven seconds). On Postgres the
 * copy is `CREATE DATABASE … TEMPLATE`; on PGlite it is a dump of the data directory each file loads. The seed's
 * serials and the artifact bytes it stored travel with it. Files still get a database of their own: the copy.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlobStore } from '../downloads/blob-store.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemo, type DemoSeed } from '../seed/demo-seed.ts';
import { adminQuery, openTestDb, TEMPLATE_ENV, type DbTemplate } from './test-db.ts';

export default async function setup(): Promise<() => Promise<void>> {
	const dir = await mkdtemp(join(tmpdir(), 'keyfield-template-'));
	const blobDir = join(dir, 'blobs');
	const testDb = await openTestDb();
	await migrateToLatest(testDb.handle.db);
	const seed = await seedDemo(testDb.handle.db, undefined, new FileBlobStore(blobDir));
	let template: DbTemplate;
	if (testDb.url) {
		// A template database must have no open connections while it is copied: close ours, keep the database.
		await testDb.handle.close();
		template = { seed, blobDir, pgDatabase: new URL(testDb.url).pathname.slice(1), pgliteDump: null };
	} else {
		const pgliteDump = join(dir, 'pglite.tar');
		await writeFile(pgliteDump, Buffer.from(await (await testDb.handle.dumpDataDir!()).arrayBuffer()));
		await testDb.drop();
		template = { seed, blobDir, pgDatabase: null, pgliteDump };
	}
	const file = join(dir, 'template.json');
	await writeFile(file, JSON.stringify(template));
	process.env[TEMPLATE_ENV] = file;
	return async () => {
		if (template.pgDatabase) await adminQuery(process.env.DATABASE_URL!, `DROP DATABASE IF EXISTS ${template.pgDatabase} WITH (FORCE)`);
		await rm(dir, { recursive: true, force: true });
	};
}
