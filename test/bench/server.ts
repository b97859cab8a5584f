/**
 * The server the bench measures: a fresh database on the Postgres of DATABASE_URL (dropped afterwards), migrated,
 * demo-seeded, and two sync-server apps on it, each with its own pool and LISTEN connection and served on its own
 * loopback port — two "processes" as in DESIGN §8's scale-out row. Production defaults (poke debounce) throughout.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../sync-server/src/app.ts';
import { connectPostgres, type DbHandle } from '../../sync-server/src/db/connect.ts';
import { publishPublicKey } from '../../sync-server/src/keys/keys.routes.ts';
import { generatePkcs8, signerFromPkcs8, type Signer } from '../../sync-server/src/keys/signing-key.ts';
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo-seed.ts';
import { PokeHub } from '../../sync-server/src/sync/pokes.ts';
import { migrateToLatest } from '../../sync-server/src/db/migrate.ts';
import { openTestDb, type TestDb } from '../../sync-server/src/test/harness.ts';
import { seedDemo } from '../../sync-server/src/seed/demo-seed.ts';

export interface BenchProcess {
	url: string;
	close(): Promise<void>;
}

async function startProcess(url: string, signer: Signer, webDir: string | null): Promise<BenchProcess> {
	// Its own connections, like a separate process would have.
	const handle: DbHandle = connectPostgres(url);
	const pokes = await PokeHub.start(handle);
	const app = createApp({ db: handle.db, signer, pokes, webDir, trustProxy: false });
	const http = await new Promise<Server>((resolve) => {
		const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(server as Server));
	});
	return {
		url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
		async close() {
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
			await pokes.close();
			await handle.close();
		}
	};
}

export class BenchServer {
	private constructor(
		readonly testDb: TestDb,
		readonly signer: Signer,
		readonly a: BenchProcess,
		readonly b: BenchProcess
	) {}

	static async start(webDir: string): Promise<BenchServer> {
		if (!process.env.DATABASE_URL) throw new Error('pnpm bench measures real Postgres: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
		const testDb = await openTestDb();
		await migrateToLatest(testDb.handle.db);
		const signer = await signerFromPkcs8(await generatePkcs8());
		await publishPublicKey(testDb.handle.db, signer);
		await seedDemo(testDb.handle.db);
		// Process a also serves the built PWA, for the measures taken in Chromium.
		const a = await startProcess(testDb.url!, signer, webDir);
		const b = await startProcess(testDb.url!, signer, null);
		return new BenchServer(testDb, signer, a, b);
	}

	get db() {
		return this.testDb.handle.db;
	}

	/** The database URL (for pgbench on the same database). */
	get url(): string {
		return this.testDb.url!;
	}

	async login(email: string, base = this.a.url): Promise<string> {
		const res = await fetch(`${base}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password: DEMO_PASSWORD })
		});
		const token = /kf_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
		if (!token) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
		return token;
	}

	async close(): Promise<void> {
		await this.a.close();
		await this.b.close();
		await this.testDb.drop();
	}
}
