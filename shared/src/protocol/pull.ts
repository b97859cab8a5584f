import { z } from 'zod';
import { SyncedTableName, Uuid } from '../entities.ts';

export const MAX_CHANGES_PER_PULL = 1000;

export const PullRequest = z.object({
	protocolVersion: z.number().int(),
	clientId: Uuid,
	schemaVersion: z.number().int(),
	// Opaque to the client; the server keeps the per-account versions it names, so it stays small for any scope.
	cursor: z.string().max(512).nullable()
});
export type PullRequest = z.infer<typeof PullRequest>;

export const Change = z.discriminatedUnion('op', [
	z.object({ table: SyncedTableName, op: z.literal('put'), row: z.looseObject({ id: z.string(), accountId: Uuid, version: z.number() }) }),
	z.object({ table: SyncedTableName, op: z.literal('del'), id: z.string() })
]);
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
	cursor: z.string(),
	hasMore: z.boolean(),
	// Accounts the device may keep; rows of any other account are purged on the device.
	scope: z.array(Uuid),
	changes: z.array(Change),
	lastMutationId: z.number().int().nonnegative()
});
export type PullResponse = z.infer<typeof PullResponse>;
