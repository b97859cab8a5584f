/**
 * The real sync server for the integration suite, on a real loopback port. The sync server's own test harness builds
 * it (a fresh database per test file: a new Postgres database when DATABASE_URL is set, dropped at close, else an
 * in-memory PGlite; migrated, signing key published, demo seeded) and @hono/node-server serves its app on
 * 127.0.0.1:0, so the web modules talk to it through real fetch, cookies and status codes.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PASSWORD } from '../../../sync-server/src/seed/demo-seed.ts';
import { startTestServer, type TestServer } from '../../../sync-server/src/test/harness.ts';

export { DEMO_PASSWORD };
export { onPostgres } from '../../../sync-server/src/test/harness.ts';
export const VENDOR_EMAIL = 'vendor@keyfield.test';

/** A customer account of its own with a technician in it, so tests sharing one server never see each other's rows. */
export interface Workspace {
	accountId: string;
	email: string;
}

/**
 * What tests do through a server's HTTP API, for any server on any URL (in-process or a child process): sign in,
 * call the vendor API, make workspaces and serials.
 */
export class ApiClient {
	// The sign-in itself, shared: parallel callers must not sign in in parallel (the login limit counts attempts).
	#vendorToken: Promise<string> | null = null;
	#made = 0;

	constructor(readonly url: string) {}

	/** Calls the vendor API over HTTP with the demo operator's bearer token. */
	async vendor<T>(method: string, path: string, body?: unknown): Promise<T> {
		this.#vendorToken ??= this.login(VENDOR_EMAIL);
		const headers: Record<string, string> = { authorization: `Bearer ${await this.#vendorToken}` };
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(this.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
		return (await res.json()) as T;
	}

	/** Signs in over HTTP and returns the session token (the kf_session cookie value, usable as a bearer token). */
	async login(email: string): Promise<string> {
		const res = await fetch(`${this.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password: DEMO_PASSWORD })
		});
		const token = /kf_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
		if (!token) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
		return token;
	}

	/** A new customer account with one user (technician unless told otherwise), through the vendor API. */
	async workspace(role: 'admin' | 'technician' = 'technician', kind: 'customer' | 'partner' = 'customer'): Promise<Workspace> {
		const n = ++this.#made;
		const tag = crypto.randomUUID().slice(0, 8);
		const { id: accountId } = await this.vendor<{ id: string }>('POST', '/api/admin/accounts', { name: `Workspace ${n} ${tag}`, kind });
		const email = `user-${n}-${tag}@${kind}.test`;
		await this.vendor('POST', '/api/admin/users', { email, password: DEMO_PASSWORD, accountId, role });
		return { accountId, email };
	}

	/** A serial nobody registered yet, on a new certificate for the account. */
	async freeSerial(accountId: string, sku = 'KF-EDGE'): Promise<string> {
		return (await this.freeSerials(accountId, 1, sku))[0]!;
	}

	/** `count` (≤ 1,000) serials nobody registered yet, on one new certificate for the account. */
	async freeSerials(accountId: string, count: number, sku = 'KF-EDGE'): Promise<string[]> {
		const body = { accountId, sku, quantity: 1, maintenanceEnd: '2030-12-31', serialCount: count };
		return (await this.vendor<{ serials: string[] }>('POST', '/api/admin/certificates', body)).serials;
	}

}

export class RealServer extends ApiClient {
	private constructor(
		url: string,
		readonly harness: TestServer,
		readonly http: Server
	) {
		super(url);
	}

	static async start(): Promise<RealServer> {
		const harness = await startTestServer();
		const http = await new Promise<Server>((resolve) => {
			const server = serve({ fetch: harness.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(server as Server));
		});
		return new RealServer(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, harness, http);
	}

	/** The server's database (Kysely), for what no API offers: looking up ids, simulating server-side state loss. */
	get db() {
		return this.harness.db;
	}

	async close(): Promise<void> {
		this.http.closeAllConnections();
		await new Promise<void>((resolve) => this.http.close(() => resolve()));
		await this.harness.close();
	}

	async userId(email: string): Promise<string> {
		return (await this.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
	}

	/** The server's record of a client id: its owner and the last mutation it applied (undefined: never pushed). */
	async clientRow(clientId: string) {
		return this.db.selectFrom('clients').select(['user_id', 'last_mutation_id']).where('id', '=', clientId).executeTakeFirst();
	}

	async licenseCount(accountId: string): Promise<number> {
		return (await this.db.selectFrom('licenses').select('id').where('account_id', '=', accountId).execute()).length;
	}
}
