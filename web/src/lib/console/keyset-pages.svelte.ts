/**
 * Keyset paging as the console's tables show it: the server hands a `next` cursor; going back re-reads the page
 * from the cursor it started at, kept on a stack, so "Previous" never needs an offset.
 */
import type { ApiResult } from '../sync/api.ts';

export class KeysetPages<Row> {
	rows = $state.raw<Row[] | null>(null);
	error = $state<string | null>(null);
	loading = $state(false);
	#starts = $state<(string | undefined)[]>([undefined]); // the cursor each page read so far started at
	#next = $state<string | null>(null);
	#request = 0;

	constructor(private readonly load: (after: string | undefined) => Promise<ApiResult<{ rows: Row[]; next: string | null }>>) {}

	get page(): number {
		return this.#starts.length;
	}
	get hasNext(): boolean {
		return this.#next !== null;
	}
	get hasPrevious(): boolean {
		return this.#starts.length > 1;
	}

	/** From the first page again (a new sort or filter). */
	reset(): Promise<void> {
		this.#starts = [undefined];
		return this.#read();
	}
	/** The page shown, read again (a row on it changed): the reader stays where they are. */
	reload(): Promise<void> {
		return this.#read();
	}
	next(): Promise<void> {
		if (this.#next === null) return Promise.resolve();
		this.#starts = [...this.#starts, this.#next];
		return this.#read();
	}
	previous(): Promise<void> {
		if (this.#starts.length > 1) this.#starts = this.#starts.slice(0, -1);
		return this.#read();
	}

	async #read(): Promise<void> {
		const request = ++this.#request; // an older answer arriving late must not overwrite a newer one
		this.loading = true;
		const res = await this.load(this.#starts[this.#starts.length - 1]);
		if (request !== this.#request) return;
		this.loading = false;
		if (res.ok) {
			this.rows = res.data.rows;
			this.#next = res.data.next;
			this.error = null;
		} else {
			this.error = res.message;
		}
	}
}
