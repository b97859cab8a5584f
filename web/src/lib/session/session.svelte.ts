/**
 * Who is signed in, as reactive state. The cached copy in Dexie `meta` answers first (so the app works offline
 * after a reload); the server confirms when reachable. A 401 during sync makes the session 'expired': the data
 * and the outbox stay, and the same user signing in again picks up where they were.
 */
import { deleteMeta, getMeta, setMeta } from '../db/meta.ts';
import { getDb, type KeyfieldDb } from '../db/db.ts';
import { defaultFetch, type Fetch } from '../sync/api.ts';
import type { AccountSummary, SessionInfo, User } from '@keyfield/shared';
import { loginRequest, logoutRequest, meRequest } from './auth-api.ts';
import { cacheSession, clearSignedInData, readCachedSession, workspaces, type CachedSession } from './device-data.ts';

export type SessionStatus = 'unknown' | 'signed-out' | 'signed-in' | 'expired';
export type SessionEvent = 'signed-in' | 'signed-out' | 'expired';
export type LoginResult = { ok: true } | { ok: false; code: string; message: string; retryAfterSeconds?: number };

export interface SessionDeps {
	db: () => KeyfieldDb;
	fetch: Fetch;
	isOnline: () => boolean;
}

export class Session {
	#status = $state<SessionStatus>('unknown');
	#user = $state<User | null>(null);
	#accounts = $state<AccountSummary[]>([]);
	#currentAccountId = $state<string | null>(null);
	#enrolmentRequired = $state(false);
	readonly #deps: SessionDeps;
	readonly #listeners = new Set<(event: SessionEvent) => void>();

	constructor(deps: SessionDeps) {
		this.#deps = deps;
	}

	get status(): SessionStatus {
		return this.#status;
	}
	get user(): User | null {
		return this.#user;
	}
	get accounts(): AccountSummary[] {
		return this.#accounts;
	}
	get currentAccountId(): string | null {
		return this.#currentAccountId;
	}
	/** An account's policy requires 2-step verification and this user has none yet: the server answers only
	 * enrolment until they set it up, so the app sends them there (and does not sync meanwhile). */
	get enrolmentRequired(): boolean {
		return this.#enrolmentRequired;
	}

	/** The workspaces as the last pull left them (a delegation granted or revoked since sign-in), from Dexie. An
	 * empty list (nothing pulled yet) keeps the sign-in's list; a current workspace gone from scope gives way. */
	adoptScopeAccounts(accounts: AccountSummary[]): void {
		if (accounts.length === 0 || this.#status === 'signed-out') return;
		const same = accounts.length === this.#accounts.length && accounts.every((a, i) => {
			const b = this.#accounts[i];
			return b !== undefined && a.id === b.id && a.name === b.name && a.role === b.role;
		});
		if (same) return;
		this.#accounts = accounts;
		void setMeta(this.#deps.db(), 'accounts', accounts);
		if (!accounts.some((a) => a.id === this.#currentAccountId)) {
			const next = (accounts.find((a) => a.role !== null) ?? accounts[0])!.id;
			this.#currentAccountId = next;
			void setMeta(this.#deps.db(), 'currentAccountId', next);
		}
	}

	/** Asks the server again who this is (after enrolling, the policy no longer holds the session). */
	async refresh(): Promise<void> {
		const res = await meRequest(this.#deps.fetch);
		if (res.ok) await this.#adopt(res.data);
	}

	selectAccount(id: string): void {
		if (!this.#accounts.some((account) => account.id === id)) return;
		this.#currentAccountId = id;
		void setMeta(this.#deps.db(), 'currentAccountId', id);
	}

	/** At app start: the cached session first, then the server's word when online. */
	async restore(): Promise<void> {
		const db = this.#deps.db();
		const cached = await readCachedSession(db);
		if (cached) this.#show(cached, 'signed-in');
		else this.#status = 'signed-out';
		if (!this.#deps.isOnline()) return;
		if (await getMeta(db, 'signOutPending')) await this.#finishSignOut(db);
		const res = await meRequest(this.#deps.fetch);
		if (res.ok) return this.#adopt(res.data);
		if (res.status === 401) {
			if (cached) this.markExpired();
			else this.#status = 'signed-out';
		}
		// No answer or a server error: the cached session stands until the server can say otherwise.
	}

	/** `totp`: the 6-digit code or a recovery code, once the server answered `totp_required`. */
	async login(email: string, password: string, totp?: string): Promise<LoginResult> {
		const res = await loginRequest(this.#deps.fetch, { email: email.trim().toLowerCase(), password, ...(totp ? { totp: totp.trim() } : {}) });
		if (!res.ok) {
			const { code, message, retryAfterSeconds } = res;
			return retryAfterSeconds === undefined ? { ok: false, code, message } : { ok: false, code, message, retryAfterSeconds };
		}
		await this.#adopt(res.data);
		return { ok: true };
	}

	/** A session the server started another way (accepting an invitation), shown in `accountId`. Signing in as
	 * another person than the one signed in before goes through the same path as a sign-in. */
	async adopt(info: SessionInfo, accountId?: string): Promise<void> {
		await this.#adopt(info);
		if (accountId) this.selectAccount(accountId);
	}

	/** Forgets this user's data on the device at once; the server is told now, or when next online. */
	async logout(): Promise<void> {
		const db = this.#deps.db();
		await clearSignedInData(db);
		await setMeta(db, 'signOutPending', true);
		this.#user = null;
		this.#accounts = [];
		this.#currentAccountId = null;
		this.#enrolmentRequired = false;
		this.#status = 'signed-out';
		this.#emit('signed-out');
		if (this.#deps.isOnline()) await this.#finishSignOut(db);
	}

	/** Sync got a 401: keep everything, ask the same user to sign in again. */
	markExpired(): void {
		if (this.#status !== 'signed-in') return;
		this.#status = 'expired';
		this.#emit('expired');
	}

	onChange(listener: (event: SessionEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	async #finishSignOut(db: KeyfieldDb): Promise<void> {
		const res = await logoutRequest(this.#deps.fetch);
		if (res.ok || res.status === 401) await deleteMeta(db, 'signOutPending');
	}

	async #adopt(info: SessionInfo): Promise<void> {
		const db = this.#deps.db();
		const shown = this.#currentAccountId;
		await deleteMeta(db, 'signOutPending');
		const cached = await cacheSession(db, info);
		// A workspace picked while the server's answer was being stored (a tap right after the app opened, before
		// /me answered) stands over the stored one, for the same user and while it is still theirs.
		const picked = this.#currentAccountId;
		if (picked !== shown && picked !== null && this.#user?.id === info.user.id && workspaces(info.accounts).some((a) => a.id === picked)) {
			void setMeta(db, 'currentAccountId', picked);
			this.#show({ ...cached, currentAccountId: picked }, 'signed-in');
		} else this.#show(cached, 'signed-in');
		this.#emit('signed-in');
	}

	#show(cached: CachedSession, status: SessionStatus): void {
		this.#user = cached.info.user;
		this.#accounts = workspaces(cached.info.accounts);
		this.#currentAccountId = cached.currentAccountId;
		this.#enrolmentRequired = cached.info.twoStepEnrolmentRequired ?? false;
		this.#status = status;
	}

	#emit(event: SessionEvent): void {
		for (const listener of this.#listeners) listener(event);
	}
}

export const session = new Session({
	db: getDb,
	fetch: defaultFetch,
	isOnline: () => typeof navigator === 'undefined' || navigator.onLine
});
