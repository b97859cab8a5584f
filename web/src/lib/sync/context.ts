/** What push and pull need: injected, so tests run them against fake-indexeddb and a local HTTP server. */
import type { User } from '@keyfield/shared';
import type { KeyfieldDb } from '../db/db.ts';
import type { Fetch } from './api.ts';

export interface SyncContext {
	db: KeyfieldDb;
	fetch: Fetch;
	user: User;
	now: () => Date;
	log: Pick<Console, 'warn'>;
}
