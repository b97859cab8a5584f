/** How a push or pull ended, which decides what the engine does next. */
import { ErrorCode } from '@keyfield/shared';
import type { ApiFailure } from './api.ts';

export type SyncOutcome =
	| { kind: 'ok' }
	| { kind: 'unauthorized'; message: string } // pause; the outbox waits for the same user to sign in again
	| { kind: 'outdated'; message: string } // this app version is too old: offer the update, keep the outbox
	| { kind: 'failed'; failure: ApiFailure }; // network, 5xx or anything unexpected: retry with backoff

export const OK: SyncOutcome = { kind: 'ok' };

export function outcomeOf(failure: ApiFailure): SyncOutcome {
	if (failure.status === 401) return { kind: 'unauthorized', message: failure.message };
	if (failure.status === 409 && failure.code === ErrorCode.clientOutdated) return { kind: 'outdated', message: failure.message };
	return { kind: 'failed', failure };
}
