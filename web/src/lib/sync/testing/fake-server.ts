/**
 * A small in-memory stand-in for the sync server, on a real HTTP port (127.0.0.1:0), so the data layer is tested
 * through real fetch, JSON and status codes. It follows the protocol of DESIGN §4 closely enough to exercise the
 * client (replay, gaps, client ownership, scope, paging); `intercept` scripts failures.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CATALOG_ACCOUNT_ID, type AccountSummary, type Change, type MutationResult, type PublicKeyEntry, type User } from '@keyfield/shared';
import { applyRequestKey, type FakeState } from './fake-operations.ts';

export interface FakeUser {
	user: User;
	password: string;
	accounts: AccountSummary[];
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
export type Intercept = (path: string, body: any) => Reply | undefined;

interface ClientState {
	userId: string;
	last: number;
	results: Map<number, MutationResult>;
}

export class FakeServer {
	readonly state: FakeState = { log: [], serials: new Map(), licenses: new Map(), versions: new Map() };
	readonly users = new Map<string, FakeUser>();
	readonly clients = new Map<string, ClientState>();
	readonly pushes: { clientId: string; userId: string; ids: number[] }[] = [];
	publicKeys: PublicKeyEntry[] = [];
	pageSize = 1000;
	intercept: Intercept | undefined;
	#sessions = new Map<string, string>(); // token -> email
	#server = createServer((req, res) => void this.#handle(req, res));
	url = '';

	async start(): Promise<this> {
		await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
		return this;
	}

	stop(): Promise<void> {
		this.#server.closeAllConnections();
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}

	addUser(user: FakeUser): void {
		this.users.set(user.user.email, user);
	}

	/** Accounts whose rows the user may keep; the catalog is in everyone's scope. */
	scopeOf(email: string): string[] {
		return [CATALOG_ACCOUNT_ID, ...this.users.get(email)!.accounts.map((a) => a.id)];
	}

	async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		let raw = '';
		for await (const chunk of req) raw += chunk;
		const body = raw ? JSON.parse(raw) : undefined;
		const path = req.url ?? '/';
		const reply = this.intercept?.(path, body) ?? this.#route(path, body, req);
		res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
		res.end(JSON.stringify(reply.body));
	}

	#signedIn(req: IncomingMessage): FakeUser | undefined {
		const token = /kf_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
		const email = token ? this.#sessions.get(token) : undefined;
		return email ? this.users.get(email) : undefined;
	}

	#route(path: string, body: any, req: IncomingMessage): Reply {
		if (path === '/api/keys') return ok({ keys: this.publicKeys });
		if (path === '/api/auth/login') {
			const account = this.users.get(String(body?.email));
			if (!account || account.password !== body.password) return error(401, 'invalid_credentials', 'Wrong email or password.');
			const token = crypto.randomUUID();
			this.#sessions.set(token, account.user.email);
			return { ...ok({ user: account.user, accounts: account.accounts }), headers: { 'set-cookie': `kf_session=${token}; HttpOnly; Path=/` } };
		}
		const me = this.#signedIn(req);
		if (!me) return error(401, 'unauthorized', 'Sign in again.');
		if (path === '/api/auth/me') return ok({ user: me.user, accounts: me.accounts });
		if (path === '/api/auth/logout') return ok({ ok: true });
		if (path === '/api/sync/push') return this.#push(me, body);
		if (path === '/api/sync/pull') return this.#pull(me, body);
		return error(404, 'not_found', path);
	}

	#push(me: FakeUser, body: any): Reply {
		const client = this.clients.get(body.clientId) ?? { userId: me.user.id, last: 0, results: new Map() };
		if (client.userId !== me.user.id) return error(403, 'client_owned_by_other_user', 'Not your client.');
		this.clients.set(body.clientId, client);
		this.pushes.push({ clientId: body.clientId, userId: me.user.id, ids: body.mutations.map((m: { id: number }) => m.id) });
		const results: MutationResult[] = [];
		for (const mutation of body.mutations) {
			if (mutation.id <= client.last) {
				results.push(client.results.get(mutation.id)!);
				continue;
			}
			if (mutation.id > client.last + 1) return error(409, 'mutation_gap', 'Gap.', { lastMutationId: client.last });
			const result = applyRequestKey(this.state, this.scopeOf(me.user.email), mutation);
			client.results.set(mutation.id, result);
			client.last = mutation.id;
			results.push(result);
		}
		return ok({ lastMutationId: client.last, results });
	}

	/** Cursor = position in the change log. (No backfill of accounts new in scope: no test here needs it.) */
	#pull(me: FakeUser, body: any): Reply {
		const scope = this.scopeOf(me.user.email);
		const from = body.cursor === null ? 0 : Number(body.cursor);
		const wanted = this.state.log.map((entry, at) => ({ ...entry, at })).filter((e) => e.at >= from && scope.includes(e.accountId));
		const page = wanted.slice(0, this.pageSize);
		const hasMore = wanted.length > page.length;
		const cursor = String(hasMore ? page.at(-1)!.at + 1 : this.state.log.length);
		const changes: Change[] = page.map((e) => e.change);
		return ok({ cursor, hasMore, scope, changes, lastMutationId: this.clients.get(body.clientId)?.last ?? 0 });
	}
}

function ok(body: unknown): Reply {
	return { status: 200, body };
}

export function error(status: number, code: string, message: string, details: Record<string, unknown> = {}): Reply {
	return { status, body: { error: { code, message, details } } };
}
