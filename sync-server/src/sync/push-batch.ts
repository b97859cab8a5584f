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
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { accountAccess, type AccountAccess } from '../db/scope.repository.ts';

export class PushBatch {
	readonly #access = new Map<string, Promise<AccountAccess | null>>();
	readonly #versions = new Map<string, number>();
	readonly #pending = new Map<string, number>();

	constructor(
		private readonly tx: Kysely<Database>,
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

	mutationKept(): void {
		for (const [accountId, version] of this.#pending) this.#versions.set(accountId, version);
		this.#pending.clear();
	}

	mutationRolledBack(): void {
		this.#pending.clear();
	}
}
