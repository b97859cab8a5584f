/** Shared test setup: a fresh device database, a seeded fake server, a cookie-keeping fetch, demo data. */
import { CATALOG_ACCOUNT_ID, makeCode, type AccountRow, type ProductRow } from '@keyfield/shared';
import type { Observable } from 'dexie';
import { KeyfieldDb } from '../../db/db.ts';
import { loginRequest } from '../../session/auth-api.ts';
import { cacheSession } from '../../session/device-data.ts';
import type { Fetch } from '../api.ts';
import { SyncEngine, type SyncEngineDeps } from '../sync-engine.ts';
import { initialSyncState, type SyncState } from '../sync-state.ts';
import { FakeServer } from './fake-server.ts';
import { record } from './fake-operations.ts';

export const PASSWORD = 'keyfield-demo';
export const ACME = '11111111-1111-4111-8111-111111111111';
export const GLOBEX = '22222222-2222-4222-8222-222222222222';
export const TECH = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'tech@acme.test', name: 'Tess Tech', vendor: false };
export const GLOBEX_ADMIN = { id: 'aaaaaaaa-0000-4000-8000-000000000002', email: 'admin@globex.test', name: 'Gus Globex', vendor: false };
export const registration = { company: 'Acme Field Services', contactName: 'Ana Técnica', email: 'ana@acme.test', country: 'ES' };

/** A database of its own per test: fake-indexeddb is one global factory, so names keep tests apart. */
export function testDb(name = `keyfield-test-${crypto.randomUUID()}`): KeyfieldDb {
	return new KeyfieldDb(name);
}

function account(id: string, name: string): AccountRow {
	return { id, accountId: id, version: 0, name, kind: 'customer' };
}

export async function seededServer(): Promise<FakeServer> {
	const server = await new FakeServer().start();
	server.addUser({ user: TECH, password: PASSWORD, accounts: [{ id: ACME, name: 'Acme Field Services', kind: 'customer', role: 'technician' }] });
	server.addUser({ user: GLOBEX_ADMIN, password: PASSWORD, accounts: [{ id: GLOBEX, name: 'Globex Industrial', kind: 'customer', role: 'admin' }] });
	for (const row of [account(ACME, 'Acme Field Services'), account(GLOBEX, 'Globex Industrial')]) {
		record(server.state, row.accountId, { table: 'accounts', op: 'put', row });
	}
	const product: ProductRow = { id: crypto.randomUUID(), accountId: CATALOG_ACCOUNT_ID, version: 0, sku: 'KF-EDGE', name: 'Keyfield Edge Gateway', productVersion: '5.2' };
	record(server.state, CATALOG_ACCOUNT_ID, { table: 'products', op: 'put', row: product });
	return server;
}

/** A valid serial the server knows, registered to nobody yet. */
export function freeSerial(server: FakeServer, accountId: string): string {
	const serial = makeCode('serial', crypto.getRandomValues(new Uint8Array(16)));
	server.state.serials.set(serial, { accountId, sku: 'KF-EDGE', licenseId: null });
	return serial;
}

/** Real fetch against the fake server's origin, keeping its session cookie like a browser profile would. */
export function browserFetch(server: FakeServer): Fetch {
	let cookie = '';
	return async (path, init = {}) => {
		const headers = new Headers(init.headers);
		if (cookie) headers.set('cookie', cookie);
		const res = await fetch(server.url + path, { ...init, headers });
		const set = res.headers.get('set-cookie');
		if (set) cookie = set.split(';')[0]!;
		return res;
	};
}

/** Signs in on the server and caches the session on the device, as `session.login` does. */
export async function signIn(db: KeyfieldDb, fetch: Fetch, email: string): Promise<void> {
	const res = await loginRequest(fetch, { email, password: PASSWORD });
	if (!res.ok) throw new Error(`sign-in failed: ${res.code}`);
	await cacheSession(db, res.data);
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
export function testEngine(db: KeyfieldDb, fetch: Fetch, extra: Partial<SyncEngineDeps> = {}): TestEngine {
	const t: TestEngine = { engine: undefined as never, status: initialSyncState(), arrived: [], unauthorized: 0, warnings: [], timers: [] };
	t.engine = new SyncEngine({
		db,
		fetch,
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

/** The first value of a live query that satisfies `accept`. */
export function valueWhere<T>(observable: Observable<T>, accept: (value: T) => boolean): Promise<T> {
	return new Promise((resolve, reject) => {
		const subscription = observable.subscribe({
			next: (value) => {
				if (!accept(value)) return;
				resolve(value);
				queueMicrotask(() => subscription.unsubscribe());
			},
			error: reject
		});
	});
}
