/**
 * Fan-out of "account X changed". Writers NOTIFY inside their transaction (accounts.repository.ts), so a poke is
 * sent exactly when a change commits, by whichever process made it. Each process LISTENs once (a dedicated pg
 * connection, or PGlite in-process) and hands the account id to its local SSE connections.
 * `null` means "maybe anything changed" (the LISTEN connection was re-established and may have missed pokes).
 */
import { POKE_CHANNEL } from '../db/accounts.repository.ts';
import type { DbHandle } from '../db/connect.ts';

export type PokeListener = (accountId: string | null) => void;

export class PokeHub {
	readonly #listeners = new Set<PokeListener>();
	#stop: (() => Promise<void>) | null = null;

	static async start(handle: Pick<DbHandle, 'listen'>): Promise<PokeHub> {
		const hub = new PokeHub();
		hub.#stop = await handle.listen(POKE_CHANNEL, {
			onPayload: (accountId) => hub.#emit(accountId),
			onReconnect: () => hub.#emit(null)
		});
		return hub;
	}

	subscribe(listener: PokeListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	get subscribers(): number {
		return this.#listeners.size;
	}

	#emit(accountId: string | null): void {
		for (const listener of this.#listeners) listener(accountId);
	}

	async close(): Promise<void> {
		this.#listeners.clear();
		await this.#stop?.();
	}
}
