/**
 * The sync server as a real child process (`tsx sync-server/src/main.ts`, as `pnpm start` runs it) on a database
 * of its own, so a test can SIGKILL it at any moment and start it again on the same database, port and signing key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openTestDb, type TestDb } from '../../../sync-server/src/test/harness.ts';
import { ApiClient } from './server.ts';

const serverDir = resolve(import.meta.dirname, '../../../sync-server');

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => done(port));
		});
		probe.on('error', fail);
	});
}

export class ServerProcess extends ApiClient {
	#child: ChildProcess | null = null;
	#output = '';

	private constructor(
		readonly port: number,
		readonly testDb: TestDb,
		readonly dataDir: string
	) {
		super(`http://127.0.0.1:${port}`);
	}

	/** A fresh Postgres database (DATABASE_URL's server) and a server process on it. */
	static async start(): Promise<ServerProcess> {
		if (!process.env.DATABASE_URL) throw new Error('ServerProcess runs on real Postgres: set DATABASE_URL');
		const server = new ServerProcess(await freePort(), await openTestDb(), mkdtempSync(join(tmpdir(), 'keyfield-proc-')));
		await server.restart();
		return server;
	}

	get db() {
		return this.testDb.handle.db;
	}

	/** Starts the process (again) and resolves once it answers /api/health. */
	async restart(): Promise<void> {
		if (this.#child) throw new Error('the server is running');
		const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
			cwd: serverDir,
			env: { ...process.env, DATABASE_URL: this.testDb.url!, PORT: String(this.port), KEYFIELD_DATA_DIR: this.dataDir, KEYFIELD_WEB_DIR: this.dataDir },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#child = child;
		child.stdout!.on('data', (chunk) => (this.#output += chunk));
		child.stderr!.on('data', (chunk) => (this.#output += chunk));
		for (let waited = 0; ; waited += 50) {
			if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${this.#output}`);
			try {
				if ((await fetch(`${this.url}/api/health`)).ok) return;
			} catch {
				// not listening yet
			}
			if (waited > 60_000) throw new Error(`the server did not start:\n${this.#output}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}

	/** SIGKILL: no shutdown handler runs, in-flight transactions die with their connections. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (!child) return;
		this.#child = null;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;
	}

	/** The server's client rows of one user (each client id's last applied mutation). */
	clientRows(email: string) {
		return this.db
			.selectFrom('clients')
			.innerJoin('users', 'users.id', 'clients.user_id')
			.select(['clients.id', 'clients.last_mutation_id'])
			.where('users.email', '=', email)
			.execute();
	}

	/** The running process's id (to read its memory), or null while stopped. */
	get pid(): number | null {
		return this.#child?.pid ?? null;
	}

	/** The server process's resident memory in bytes (Linux /proc), or null when it is not running. */
	residentBytes(): number | null {
		const pid = this.pid;
		if (!pid) return null;
		const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Number(kb) * 1024 : null;
	}

	/** What the process printed (for a failure message). */
	get output(): string {
		return this.#output;
	}

	async close(): Promise<void> {
		await this.kill();
		await this.testDb.drop();
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}
