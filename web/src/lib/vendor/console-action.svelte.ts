/**
 * One vendor console form's request: busy while it runs (its button disabled), then either what it did or why it
 * was refused, in the reader's language. One in flight at a time, so a double tap sends one request.
 */
import type { ApiResult } from '$lib/sync/api.ts';
import { apiErrorText } from './api-error.ts';

export class ConsoleAction {
	busy = $state(false);
	error = $state<string | null>(null);
	done = $state<string | null>(null);

	/** Runs `call`; on success `onDone` says what happened (and may reload what the page shows). */
	async run<T>(call: () => Promise<ApiResult<T>>, onDone: (data: T) => string | Promise<string>): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.error = null;
		this.done = null;
		try {
			const res = await call();
			if (!res.ok) {
				this.error = apiErrorText(res);
				return false;
			}
			this.done = await onDone(res.data);
			return true;
		} finally {
			this.busy = false;
		}
	}
}
