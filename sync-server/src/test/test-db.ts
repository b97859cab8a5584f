/**
 * Databases for tests: a new Postgres database when DATABASE_URL is set (dropped afterwards), an in-memory PGlite
 * otherwise; empty, or a copy of the run's migrated and seeded one that Vitest's global setup made (db-template.ts).
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectPostgres, openPglite, type DbHandle } from '../db/connect.ts';
import type { DemoSeed } from '../seed/demo-seed.ts';

/** What a test file needs to copy the seeded database, in a JSON file named by `KEYFIELD_TEST_TEMPLATE`. */
export type DbTemplate = { seed: DemoSeed; blobDir: string; pgDatabase: string | null; pgliteDump: string | null };

export const TEMPLATE_ENV = 'KEYFIELD_TEST_TEMPLATE';

export const onPostgres = Boolean(process.env.DATABASE_URL);

export type TestDb = { handle: DbHandle; url: string | null; drop(): Promise<void> };

export async function adminQuery(url: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/** A new, empty database; or a copy of the run's migrated and seeded one (see db-template.ts). */
export async function openTestDb(template?: DbTemplate): Promise<TestDb> {
	if (!process.env.DATABASE_URL) {
		const dump = template?.pgliteDump ? new Blob([await readFile(template.pgliteDump)]) : undefined;
		const handle = await openPglite(undefined, dump);
		return { handle, url: null, drop: () => handle.close() };
	}
	const base = new URL(process.env.DATABASE_URL);
	const name = `keyfield_t_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
	await adminQuery(base.toString(), `CREATE DATABASE ${name}${template?.pgDatabase ? ` TEMPLATE ${template.pgDatabase}` : ''}`);
	const url = new URL(base);
	url.pathname = `/${name}`;
	const handle = connectPostgres(url.toString());
	return {
		handle,
		url: url.toString(),
		drop: async () => {
			await handle.close();
			await adminQuery(base.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
	};
}

/** The run's seeded database to copy, when Vitest's global setup made one (db-template.ts); else null. */
export async function runTemplate(): Promise<DbTemplate | null> {
	const file = process.env[TEMPLATE_ENV];
	return file ? (JSON.parse(await readFile(file, 'utf8')) as DbTemplate) : null;
}

/** A file's own artifact directory, starting with the seed's bytes. */
export async function copyBlobs(template: DbTemplate): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'keyfield-blobs-'));
	await cp(template.blobDir, dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
		if (err.code !== 'ENOENT') throw err; // a seed without artifacts left no directory
	});
	return dir;
}
