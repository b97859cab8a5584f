/**
 * What one push transaction works out once and reuses across its mutations (each still behind its own savepoint).
 *
 * Access: the user's reach into an account, read when a mutation first needs it. The batch is one transaction,
 * so this is still authorisation at apply time. (An operation that changes memberships or delegations would have
 * to call `forgetAccess`.)
 *
 * Versions: an account's counter is bumped by the transaction's first write to it, and its later rows in the same
 * transaction reuse that version. The bump's row lock is held until commit, so per account version order stays
 * commit order, and a pull's snapshot sees all of the transaction's rows at that version or none of them. A bump
 * rolled back with its mutation's savepoint is forgotten, so the next write bumps again.
 *
 * Serials: locked for the whole batch up front (see `lockSerials`), in one lock order, so each mutation skips a
 * lock round trip and crossing batches queue rather than deadlock. The rows are held locked until commit, so only
 * this transaction can change them: its own writes (a serial registered, a boxed certificate claimed) are applied
 * to the copies here once their mutation is kept, and later mutations of the batch read the truth.
 *
 * Journal rows and webhook events: collected from the mutations that are kept and written together at the batch's
 * end (`flush`): one chain link computation (see activity.repository.ts) and one events statement (see
 * `recordEvents`) for the batch, instead of a head update and a round trip per mutation.
 *
 * Licenses registered by consecutive mutations: also collected from the kept mutations and written in one statement
 * (`flushWrites`, see `registerLicenses`), before any mutation that may read them — every operation other than
 * one that declares `batchesWrites` — and at the end. What could reject such a write is decided when its mutation
 * applies (serials locked, license ids looked up in `prepare`); only a license id committed by another transaction
 * in between is found at the write, and then the whole push runs again (see `flushWrites`).
 */
import type { Kysely } from 'kysely';
import { appendActivities, type ActivityEntry } from '../db/activity.repository.ts';
import type { Database } from '../db/schema.ts';
import type { LockedSerial } from '../db/catalog.repository.ts';
import { registerLicenses, type NewRegistration } from '../db/licenses.repository.ts';
import { accountAccess, type AccountAccess } from '../db/scope.repository.ts';
import { recordEvents } from '../db/webhook-events.repository.ts';
import type { WebhookEvent } from '../webhooks/events.ts';

export class PushBatch {
	readonly #access = new Map<string, Promise<AccountAccess | null>>();
	readonly #versions = new Map<string, number>();
	readonly #pending = new Map<string, number>();
	/** serial -> its locked row, or null when it was looked up and does not exist. */
	readonly #serials = new Map<string, LockedSerial | null>();
	#pendingSerialWrites: (() => void)[] = [];
	readonly #journal = new KeptWithMutations<ActivityEntry>();
	readonly #events = new KeptWithMutations<WebhookEvent>();
	readonly #registrations = new KeptWithMutations<NewRegistration>();
	/** License ids registered by this batch so far, written or not. */
	readonly #licenseIds = new Set<string>();

	constructor(
		/** The push transaction, for reads that explain a refusal. */
		readonly tx: Kysely<Database>,
		private readonly userId: string
	) {}

	access(accountId: string): Promise<AccountAccess | null> {
		let access = this.#access.get(accountId);
		if (!access) this.#access.set(accountId, (access = accountAccess(this.tx, this.userId, accountId)));
		return access;
	}

	forgetAccess(): void {
		this.#access.clear();
	}

	/** The version this transaction already holds for the account, or null when the next write must bump it. */
	versionTaken(accountId: string): number | null {
		return this.#pending.get(accountId) ?? this.#versions.get(accountId) ?? null;
	}

	/** Called by a write with the version it stamped; kept once its mutation is applied. */
	versionUsed(accountId: string, version: number): void {
		this.#pending.set(accountId, version);
	}

	/** Records the rows a lock query returned; requested serials it did not return do not exist. */
	serialsLocked(requested: readonly string[], rows: readonly LockedSerial[]): void {
		for (const serial of requested) this.#serials.set(serial, null);
		for (const row of rows) this.#serials.set(row.serial, { ...row });
	}

	/** The locked row as this transaction has left it; null when unknown; undefined when not locked yet. */
	lockedSerial(serial: string): LockedSerial | null | undefined {
		return this.#serials.get(serial);
	}

	/** Called by a write that registered the serial and, if `claimedBy`, claimed its boxed certificate. */
	serialRegistered(serial: string, licenseId: string, claimedBy: string | null): void {
		this.#pendingSerialWrites.push(() => {
			const row = this.#serials.get(serial);
			if (row) row.license_id = licenseId;
			if (!row || claimedBy === null) return;
			// The claim is the certificate's: every serial of it now belongs to the account.
			for (const other of this.#serials.values()) if (other?.certificate_id === row.certificate_id) other.account_id = claimedBy;
		});
	}

	/** A license the current mutation registers; written by `flushWrites` if the mutation is kept. */
	registerLicense(registration: NewRegistration): void {
		this.#registrations.add(registration);
	}

	/** Whether a kept or current mutation of this batch registered the license id. */
	licenseRegistered(licenseId: string): boolean {
		return this.#licenseIds.has(licenseId) || this.#registrations.pending.some((r) => r.id === licenseId);
	}

	/** Writes the kept mutations' registrations; called between mutations (so none is pending) and before commit. */
	async flushWrites(): Promise<void> {
		const registrations = this.#registrations.take();
		if (registrations.length === 0) return;
		const { inserted, versions } = await registerLicenses(this.tx, registrations, this.#versions);
		for (const [accountId, version] of versions) this.#versions.set(accountId, version);
		if (inserted < registrations.length) {
			// A license id that was free when its mutation applied was committed meanwhile by another transaction:
			// this push's results are wrong, so nothing of it may commit. The same code as a serialization failure,
			// so `withRetry` runs the push again, and it then rejects that mutation (license_id_taken).
			throw Object.assign(new Error('a license id was taken by a concurrent push'), { code: '40001' });
		}
	}

	/** A journal row for the current mutation, appended at the end of the batch if the mutation is kept. */
	journal(entry: ActivityEntry): void {
		this.#journal.add(entry);
	}

	/** A webhook event of the current mutation; recorded only if the mutation is kept. */
	emit(event: WebhookEvent): void {
		this.#events.add(event);
	}

	/** Writes the kept mutations' journal rows and events; called before the batch commits. */
	async flush(): Promise<void> {
		await this.flushWrites();
		await appendActivities(this.tx, this.#journal.take());
		await recordEvents(this.tx, this.#events.take());
	}

	mutationKept(): void {
		for (const registration of this.#registrations.pending) this.#licenseIds.add(registration.id);
		this.#registrations.keep();
		this.#journal.keep();
		this.#events.keep();
		for (const [accountId, version] of this.#pending) this.#versions.set(accountId, version);
		this.#pending.clear();
		for (const write of this.#pendingSerialWrites) write();
		this.#pendingSerialWrites = [];
	}

	mutationRolledBack(): void {
		this.#pending.clear();
		this.#registrations.drop();
		this.#journal.drop();
		this.#events.drop();
		this.#pendingSerialWrites = [];
	}
}

/** What the current mutation adds (journal rows, webhook events): kept if the mutation is, dropped if it rolls back. */
class KeptWithMutations<T> {
	#pending: T[] = [];
	#kept: T[] = [];

	/** The current mutation's. */
	get pending(): readonly T[] {
		return this.#pending;
	}

	add(item: T): void {
		this.#pending.push(item);
	}

	keep(): void {
		this.#kept.push(...this.#pending);
		this.#pending = [];
	}

	drop(): void {
		this.#pending = [];
	}

	/** Everything kept so far, once. */
	take(): T[] {
		const kept = this.#kept;
		this.#kept = [];
		return kept;
	}
}
