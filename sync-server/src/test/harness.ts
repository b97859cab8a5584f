/**
 * A real server for integration tests: a database of its own per test file (a new Postgres database when
 * DATABASE_URL is set, dropped afterwards; an in-memory PGlite otherwise), migrated and seeded with the demo — a
 * copy of the run's seeded template when there is one (test-db.ts) — and the Hono app called in-process. Nothing
 * is mocked.
 */
import { PROTOCOL_VERSION, SCHEMA_VERSION, type PushResponse, type PullResponse } from '@keyfield/shared';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlobStore, type BlobStore } from '../downloads/blob-store.ts';
import { createApp, type App } from '../app.ts';
import type { DbHandle } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { publishPublicKey } from '../keys/keys.routes.ts';
import { generatePkcs8, signerFromPkcs8, type Signer } from '../keys/signing-key.ts';
import { DEMO_PASSWORD, seedDemo, type DemoSeed } from '../seed/demo-seed.ts';
import { PokeHub } from '../sync/pokes.ts';
import type { DomainVerifier } from '../members/domain-verifier.ts';
import { copyBlobs, openTestDb, runTemplate, type TestDb } from './test-db.ts';

export { onPostgres, openTestDb, type TestDb } from './test-db.ts';

export type Call = { method?: string; body?: unknown; rawBody?: BodyInit; token?: string | null; headers?: Record<string, string> };

export class TestServer {
	constructor(
		readonly app: App,
		readonly testDb: TestDb,
		readonly pokes: PokeHub,
		readonly signer: Signer,
		readonly seed: DemoSeed,
		readonly blobs: BlobStore
	) {}

	get db() {
		return this.testDb.handle.db;
	}

	call(path: string, { method, body, rawBody, token, headers = {} }: Call = {}): Promise<Response> {
		const h: Record<string, string> = { 'x-forwarded-for': '203.0.113.7', ...headers };
		if (token) h.authorization = `Bearer ${token}`;
		if (body !== undefined) h['content-type'] = 'application/json';
		const init: RequestInit = { method: method ?? (body === undefined && rawBody === undefined ? 'GET' : 'POST'), headers: h };
		if (body !== undefined) init.body = JSON.stringify(body);
		if (rawBody !== undefined) init.body = rawBody;
		return Promise.resolve(this.app.request(path, init));
	}

	/** Signs in and returns the session token (from Set-Cookie, as a script would use it as a bearer token). */
	async login(email: string, password = DEMO_PASSWORD): Promise<string> {
		const res = await this.call('/api/auth/login', { body: { email, password } });
		if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
		const token = /kf_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
		if (!token) throw new Error('no session cookie');
		return token;
	}

	async accountId(token: string, name: string): Promise<string> {
		const me = (await (await this.call('/api/auth/me', { token })).json()) as { accounts: { id: string; name: string }[] };
		const account = me.accounts.find((a) => a.name === name);
		if (!account) throw new Error(`no account ${name}`);
		return account.id;
	}

	serials(account: string, sku?: string): string[] {
		return this.seed.certificates.filter((c) => c.account === account && (!sku || c.sku === sku)).flatMap((c) => c.serials);
	}

	async push(token: string, clientId: string, mutations: unknown[]): Promise<{ status: number; body: PushResponse & { error?: { code: string; details: Record<string, unknown> } } }> {
		const res = await this.call('/api/sync/push', { token, body: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, mutations } });
		return { status: res.status, body: await res.json() };
	}

	async pull(token: string, clientId: string, cursor: string | null): Promise<PullResponse> {
		const res = await this.call('/api/sync/pull', { token, body: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, cursor } });
		if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
		return (await res.json()) as PullResponse;
	}

	/** Pulls page after page until hasMore is false; returns every change and the final response. */
	async pullAll(token: string, clientId: string, cursor: string | null) {
		const pages: PullResponse[] = [];
		for (;;) {
			const page = await this.pull(token, clientId, pages.at(-1)?.cursor ?? cursor);
			pages.push(page);
			if (!page.hasMore) return { pages, last: page, changes: pages.flatMap((p) => p.changes) };
			if (pages.length > 1000) throw new Error('pull never finished');
		}
	}

	async close(): Promise<void> {
		await this.pokes.close();
		await this.testDb.drop();
	}
}

/** A second app (another "process") on the same database: its own pool and its own LISTEN connection. */
export async function startApp(handle: DbHandle, signer: Signer, blobs?: BlobStore, options: TestServerOptions = {}) {
	const pokes = await PokeHub.start(handle);
	const app = createApp({ db: handle.db, signer, pokes, webDir: null, trustProxy: true, pokeDebounceMs: 10, blobs, ...options });
	return { app, pokes };
}

/** `domainVerifier`: a fake the test controls (FakeDomainVerifier); the server itself always checks DNS. */
export type TestServerOptions = { domainVerifier?: DomainVerifier; mailViewer?: boolean };

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
	const template = await runTemplate();
	const testDb = await openTestDb(template ?? undefined);
	const { db } = testDb.handle;
	// Artifact bytes of this test file only, beside its own database.
	const blobs = new FileBlobStore(template ? await copyBlobs(template) : await mkdtemp(join(tmpdir(), 'keyfield-blobs-')));
	if (!template) await migrateToLatest(db);
	const seed = template?.seed ?? (await seedDemo(db, undefined, blobs));
	const signer = await signerFromPkcs8(await generatePkcs8());
	await publishPublicKey(db, signer);
	const { app, pokes } = await startApp(testDb.handle, signer, blobs, options);
	return new TestServer(app, testDb, pokes, signer, seed, blobs);
}

export const registration = { company: 'Acme Field Services', contactName: 'Ana Técnica', email: 'ana@acme.test', country: 'ES' };

export function requestKey(id: number, args: { accountId: string; serial: string; licenseId?: string; hostId?: string }) {
	return {
		id,
		name: 'license.requestKey',
		createdAt: new Date().toISOString(),
		args: { licenseId: args.licenseId ?? crypto.randomUUID(), registration, ...args }
	};
}
