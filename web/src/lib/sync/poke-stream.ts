/**
 * The SSE stream of pokes (GET /api/sync/events): open while signed in, reopened after a sync if it died. Every
 * time it connects — the first time, after the browser's own reconnect, after `reopen` — it asks for a sync too:
 * a change made while the stream was down was poked to nobody, and one incremental pull catches it up.
 */
export type EventSourceFactory = (url: string) => Pick<EventSource, 'addEventListener' | 'close' | 'readyState'>;

export const EVENTS_URL = '/api/sync/events';
const CLOSED = 2; // EventSource.CLOSED, spelled out so this module loads where EventSource does not exist

export class PokeStream {
	#source: ReturnType<EventSourceFactory> | null = null;
	readonly #create: EventSourceFactory;
	readonly #onPoke: () => void;

	constructor(create: EventSourceFactory, onPoke: () => void) {
		this.#create = create;
		this.#onPoke = onPoke;
	}

	/** Idempotent. EventSource reconnects by itself after network errors, but gives up (CLOSED) on an HTTP error. */
	open(): void {
		if (this.#source && this.#source.readyState !== CLOSED) return;
		this.#source = this.#create(EVENTS_URL);
		this.#source.addEventListener('poke', () => this.#onPoke());
		this.#source.addEventListener('open', () => this.#onPoke());
	}

	/** A fresh stream: after the network came back, the old one may be a dead connection the browser still holds
	 * open, or waiting out its retry delay, and a poke sent meanwhile would be missed. */
	reopen(): void {
		this.close();
		this.open();
	}

	close(): void {
		this.#source?.close();
		this.#source = null;
	}
}
