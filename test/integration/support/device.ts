/**
 * One browser profile for the integration suite: its own IndexedDB database (fake-indexeddb, the browser storage
 * stand-in), a fetch that keeps the session cookie like a browser does, and a network that can drop.
 * Nothing here answers for the server: every request reaches the real one.
 */
import type { SessionInfo, User } from '@keyfield/shared';
import { KeyfieldDb } from '../../../web/src/lib/db/db.ts';
import { loginRequest } from '../../../web/src/lib/session/auth-api.ts';
import { cacheSession } from '../../../web/src/lib/session/device-data.ts';
import type { Fetch } from '../../../web/src/lib/sync/api.ts';
import { SyncEngine, type SyncEngineDeps } from '../../../web/src/lib/sync/sync-engine.ts';
import { initialSyncState, type SyncState } from '../../../web/src/lib/sync/sync-state.ts';
import { DEMO_PASSWORD, type RealServer } from './server.ts';

export const registration = { company: 'Acme Field Services', contactName: 'Ana Técnica', email: 'ana@acme.test', country: 'ES' };

export interface Sent {
	path: string;
	body: any;
}

export interface Device {
	db: KeyfieldDb;
	fetch: Fetch;
	/** Every request that left the device, in order. */
	sent: Sent[];
	/** The device's network: `true` drops every request, a predicate drops the paths it accepts. */
	network: { down: boolean | ((path: string) => boolean) };
	/** The session cookie the device holds now (what another tab would send too). */
	cookie(): string;
}

let devices = 0;

/** A fresh profile. Each has an address of its own (the harness trusts X-Forwarded-For), as separate phones would. */
export function newDevice(server: Pick<RealServer, 'url'>, dbName = `keyfield-it-${crypto.randomUUID()}`): Device {
	const ip = `198.51.100.${++devices % 250}`;
	let cookie = '';
	const device: Device = {
		db: new KeyfieldDb(dbName),
		sent: [],
		network: { down: false },
		cookie: () => cookie,
		fetch: async (path, init = {}) => {
			const { down } = device.network;
			if (down === true || (typeof down === 'function' && down(path))) throw new TypeError('fetch failed'); // what fetch does with no network
			device.sent.push({ path, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
			const headers = new Headers(init.headers);
			if (cookie) headers.set('cookie', cookie);
			headers.set('x-forwarded-for', ip);
			const res = await fetch(server.url + path, { ...init, headers });
			const set = res.headers.get('set-cookie');
			if (set) cookie = set.split(';')[0]!;
			return res;
		}
	};
	return device;
}

/** The push requests a device sent: which client, which mutation ids. */
export function pushes(device: Device): { clientId: string; ids: number[] }[] {
	return device.sent
		.filter((s) => s.path === '/api/sync/push')
		.map((s) => ({ clientId: s.body.clientId as string, ids: (s.body.mutations as { id: number }[]).map((m) => m.id) }));
}

/** Signs in on the server and caches the session on the device, as `session.login` does. */
export async function signIn(device: Device, email: string): Promise<User> {
	const res = await loginRequest(device.fetch, { email, password: DEMO_PASSWORD });
	if (!res.ok) throw new Error(`sign-in ${email} failed: ${res.code}`);
	await cacheSession(device.db, res.data as SessionInfo);
	return res.data.user;
}

/** Ends the device's session on the server from elsewhere (another tab logging out with the same cookie). */
export async function endSessionElsewhere(server: RealServer, device: Device): Promise<void> {
	const res = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: device.cookie(), 'content-type': 'application/json' }, body: '{}' });
	if (!res.ok) throw new Error(`logout: ${res.status}`);
}

export interface TestEngine {
	engine: SyncEngine;
	status: SyncState;
	arrived: string[];
	unauthorized: number;
	warnings: unknown[][];
	timers: { ms: number; run: () => void }[];
}

/** An engine with recorded status, callbacks and timers (timers are collected, never fired by themselves). */
export function testEngine(device: Device, extra: Partial<SyncEngineDeps> = {}): TestEngine {
	const t: TestEngine = { engine: undefined as never, status: initialSyncState(), arrived: [], unauthorized: 0, warnings: [], timers: [] };
	t.engine = new SyncEngine({
		db: device.db,
		fetch: device.fetch,
		report: (patch) => Object.assign(t.status, patch),
		onUnauthorized: () => t.unauthorized++,
		onLicenseArrived: (id) => t.arrived.push(id),
		timers: { setTimeout: (run, ms) => t.timers.push({ ms, run }), clearTimeout: () => {} },
		random: () => 0.5,
		log: { warn: (...args: unknown[]) => void t.warnings.push(args) },
		...extra
	});
	return t;
}

/** A Dexie live query, structurally (its last `subscribe` overload), so this package needs no Dexie of its own. */
interface LiveQuery<T> {
	subscribe(next: (value: T) => void, error: (error: unknown) => void): { unsubscribe(): void };
}

/** The first value of a live query that satisfies `accept`. */
export function valueWhere<T>(observable: LiveQuery<T>, accept: (value: T) => boolean): Promise<T> {
	return new Promise((resolve, reject) => {
		const subscription = observable.subscribe((value) => {
			if (!accept(value)) return;
			resolve(value);
			queueMicrotask(() => subscription.unsubscribe());
		}, reject);
	});
}
