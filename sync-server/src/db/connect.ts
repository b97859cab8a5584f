/**
 * Opens the database: a `pg` Pool when DATABASE_URL is set, else embedded PGlite (a data directory, or in memory
 * for tests). Both hand back `date` columns as 'YYYY-MM-DD' text, so no time zone ever shifts a maintenance end.
 * `listen` is the one engine-specific piece: a dedicated pg connection for LISTEN, or PGlite's in-process listen.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { runMarkedAsPrepared } from './prepared.ts';
import type { Database } from './schema.ts';

const DATE_OID = 1082;

export type Listener = { onPayload: (payload: string) => void; onReconnect: () => void };

export interface DbHandle {
	db: Kysely<Database>;
	engine: 'pg' | 'pglite';
	listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
	close(): Promise<void>;
	/** PGlite only: the data directory as a tarball, which `openPglite` can start from (test templates). */
	dumpDataDir?(): Promise<Blob>;
}

export function connectPostgres(url: string, options: { max?: number } = {}): DbHandle {
	const types = {
		getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
			oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
	};
	const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, connectionTimeoutMillis: 5000 });
	// A client dropped by the server (a restart, a network cut) must not crash the process. The pool reports idle
	// clients; a checked-out one (a transaction between two statements) emits on itself, with nobody listening
	// unless we do. Its query fails with a connection error (503), and the pool discards it when it is released.
	pool.on('error', (err) => console.error('postgres pool:', err.message));
	pool.on('connect', (client) => {
		client.on('error', (err) => console.error('postgres connection:', err.message));
		runMarkedAsPrepared(client);
	});
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	return { db, engine: 'pg', listen: (channel, listener) => listenPostgres(url, channel, listener), close: () => db.destroy() };
}

/** LISTEN on a connection of its own, reconnecting with backoff; a reconnect may have missed pokes, so say so. */
async function listenPostgres(url: string, channel: string, listener: Listener): Promise<() => Promise<void>> {
	let client: pg.Client | null = null;
	let stopped = false;
	let retry: NodeJS.Timeout | undefined;
	const connect = async (attempt: number): Promise<void> => {
		const next = new pg.Client({ connectionString: url });
		next.on('notification', (msg) => msg.channel === channel && listener.onPayload(msg.payload ?? ''));
		next.on('error', () => scheduleReconnect(0));
		try {
			await next.connect();
			await next.query(`LISTEN ${channel}`);
			client = next;
			if (attempt > 0) listener.onReconnect();
		} catch (err) {
			await next.end().catch(() => {});
			if (attempt === 0 && !client) throw err;
			scheduleReconnect(attempt);
		}
	};
	const scheduleReconnect = (attempt: number) => {
		if (stopped || retry) return;
		const old = client;
		client = null;
		old?.end().catch(() => {});
		retry = setTimeout(() => {
			retry = undefined;
			void connect(attempt + 1);
		}, Math.min(250 * 2 ** attempt, 10_000));
	};
	await connect(0);
	return async () => {
		stopped = true;
		clearTimeout(retry);
		await client?.end().catch(() => {});
	};
}

/** `dataDir` undefined = in memory (tests); `loadDataDir`: start from a dump of another data directory. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<DbHandle> {
	if (dataDir) mkdirSync(dataDir, { recursive: true }); // PGlite creates only the last folder of the path
	const pglite = await PGlite.create({ dataDir, loadDataDir, parsers: { [DATE_OID]: (value: string) => value } });
	const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
	return {
		db,
		engine: 'pglite',
		listen: async (channel, listener) => pglite.listen(channel, listener.onPayload),
		close: () => db.destroy(),
		dumpDataDir: () => pglite.dumpDataDir('none')
	};
}
