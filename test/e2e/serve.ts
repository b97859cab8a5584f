// Starts the real sync server for the end-to-end suite on a database of its own: a fresh Postgres database when
// DATABASE_URL is set (dropped at exit), else embedded PGlite in a temporary data directory. Seeded with the demo.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const dataDir = mkdtempSync(join(tmpdir(), 'keyfield-e2e-'));
process.env.KEYFIELD_DATA_DIR = dataDir;
delete process.env.KEYFIELD_SEED;
// Webhook retries after 0.5 s, 1 s, 2 s… instead of 30 s, so a spec sees a receiver outage recovered in seconds.
process.env.KEYFIELD_WEBHOOK_BACKOFF_MS ??= '500';

let dropDatabase = async () => {};
if (process.env.DATABASE_URL) {
	const base = new URL(process.env.DATABASE_URL);
	const name = `keyfield_e2e_${process.pid}_${Date.now()}`;
	const admin = new pg.Client({ connectionString: base.toString() });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	base.pathname = `/${name}`;
	process.env.DATABASE_URL = base.toString();
	dropDatabase = async () => {
		const c = new pg.Client({ connectionString: process.env.DATABASE_URL!.replace(`/${name}`, '/postgres') });
		await c.connect();
		await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await c.end();
	};
}

async function shutdown() {
	await dropDatabase().catch(() => {});
	rmSync(dataDir, { recursive: true, force: true });
	process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

await import('../../sync-server/src/main.ts');
