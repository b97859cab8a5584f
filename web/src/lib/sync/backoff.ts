/** Retry delay after `failures` consecutive failures: doubling from 1 s to 60 s, with jitter so tabs and devices
 *  that lost the server together do not come back in lockstep. */
export const MIN_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 60_000;

export function backoffDelay(failures: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.max(0, failures - 1));
	return Math.max(MIN_RETRY_MS, Math.round(ceiling / 2 + (random() * ceiling) / 2));
}
