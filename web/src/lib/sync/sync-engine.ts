/**
 * The sync loop: push then pull, one run at a time per tab and one tab at a time (Web Lock), with backoff on
 * failure. Everything it touches is injected (db, fetch, timers, locks, clock), so tests drive it directly.
 */
import { ErrorCode } from '@keyfield/shared';
import type { KeyfieldDb } from '../db/db.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { Fetch } from './api.ts';
import { backoffDelay } from './backoff.ts';
import type { SyncContext } from './context.ts';
import type { SyncOutcome } from './outcome.ts';
import { pull } from './pull.ts';
import { push } from './push.ts';
import type { ReportStatus } from './sync-state.ts';

export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface Locks {
	request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface SyncEngineDeps {
	db: KeyfieldDb;
	fetch: Fetch;
	report: ReportStatus;
	onUnauthorized: () => void;
	onLicenseArrived: (licenseId: string) => void;
	onSynced?: () => void; // after each successful run (refresh public keys, reopen the poke stream)
	locks?: Locks | null; // absent (old browsers, tests): this tab's own serialisation is all there is
	timers?: Timers;
	random?: () => number;
	now?: () => Date;
	log?: Pick<Console, 'warn'>;
}

export const SYNC_LOCK = 'keyfield-sync';
export const POKE_DEBOUNCE_MS = 150;

const realTimers: Timers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export class SyncEngine {
	readonly #deps: Required<SyncEngineDeps>;
	#current: Promise<void> | null = null;
	#again = false;
	#paused = false; // after a 401, until the user signs in again
	#outdated = false; // after client_outdated, until this app version is replaced
	#failures = 0;
	#retry: unknown = null;
	#debounce: unknown = null;

	constructor(deps: SyncEngineDeps) {
		this.#deps = { onSynced: () => {}, locks: null, timers: realTimers, random: Math.random, now: () => new Date(), log: console, ...deps };
	}

	/** Runs a sync now; while one runs, asks for one more after it and resolves when that one is done. */
	sync(): Promise<void> {
		if (this.#current) {
			this.#again = true;
			return this.#current;
		}
		this.#current = this.#loop().finally(() => (this.#current = null));
		return this.#current;
	}

	/** A hint that something changed (SSE poke, a new queued operation): coalesced into one sync. */
	poke(): void {
		const { timers } = this.#deps;
		if (this.#debounce !== null) timers.clearTimeout(this.#debounce);
		this.#debounce = timers.setTimeout(() => {
			this.#debounce = null;
			void this.sync();
		}, POKE_DEBOUNCE_MS);
	}

	/** After a sign-in: the paused queue may go again. */
	resume(): Promise<void> {
		this.#paused = false;
		this.#failures = 0;
		return this.sync();
	}

	stop(): void {
		const { timers } = this.#deps;
		if (this.#retry !== null) timers.clearTimeout(this.#retry);
		if (this.#debounce !== null) timers.clearTimeout(this.#debounce);
		this.#retry = this.#debounce = null;
	}

	async #loop(): Promise<void> {
		do {
			this.#again = false;
			await this.#runOnce();
		} while (this.#again);
	}

	async #runOnce(): Promise<void> {
		const { db, report, locks, now, log, fetch } = this.#deps;
		if (this.#retry !== null) this.#deps.timers.clearTimeout(this.#retry);
		this.#retry = null;
		if (this.#outdated) return;
		if (!(await getMeta(db, 'user')) || this.#paused) return report({ phase: 'signed-out', progress: null });
		report({ phase: 'syncing' });
		const run = async () => {
			// Read who is signed in only once holding the lock: another tab may have switched users while we waited,
			// and a queue is only ever pushed with its own user's session.
			const user = await getMeta(db, 'user');
			if (!user) return { outcome: { kind: 'unauthorized', message: 'Signed out.' } as const, arrived: [] };
			const ctx: SyncContext = { db, fetch, user, now, log };
			const pushed = await push(ctx);
			if (pushed.kind !== 'ok') return { outcome: pushed, arrived: [] };
			return pull(ctx, report);
		};
		let result: Awaited<ReturnType<typeof run>>;
		try {
			result = locks ? await locks.request(SYNC_LOCK, run) : await run();
		} catch (error) {
			// A storage error (quota, a closed database) must not kill the loop: report it and retry later.
			log.warn('keyfield sync: run failed', error);
			const message = error instanceof Error ? error.message : String(error);
			result = { outcome: { kind: 'failed', failure: { ok: false, status: 500, code: ErrorCode.internal, message, details: {} } }, arrived: [] };
		}
		const { outcome, arrived } = result;
		for (const licenseId of arrived) this.#deps.onLicenseArrived(licenseId);
		await this.#settle(outcome);
	}

	async #settle(outcome: SyncOutcome): Promise<void> {
		const { db, report, now, timers, random } = this.#deps;
		switch (outcome.kind) {
			case 'ok': {
				this.#failures = 0;
				const lastSyncAt = now().toISOString();
				await setMeta(db, 'lastSyncAt', lastSyncAt);
				report({ phase: 'idle', lastSyncAt, lastError: null, progress: null });
				return this.#deps.onSynced();
			}
			case 'unauthorized':
				this.#paused = true;
				report({ phase: 'signed-out', lastError: outcome.message, progress: null });
				return this.#deps.onUnauthorized();
			case 'outdated':
				this.#outdated = true;
				return report({ phase: 'outdated', lastError: outcome.message, progress: null });
			case 'failed': {
				this.#failures++;
				const { failure } = outcome;
				this.#retry = timers.setTimeout(() => void this.sync(), backoffDelay(this.#failures, random));
				return report({ phase: failure.status === 0 ? 'offline' : 'error', lastError: failure.message, progress: null });
			}
		}
	}
}
