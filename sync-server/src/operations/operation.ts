/**
 * The shape of a server operation (DESIGN §6): its args schema comes from shared, `authorize` checks the
 * signed-in user *now* (not when the device queued it), `apply` enforces the business rules and writes.
 * Both run inside the push transaction; a `Rejection` thrown from either becomes the stored result.
 *
 * Atomicity per mutation: a rejection must leave nothing of its mutation behind. `apply` calls `ctx.savepoint()`
 * before a write that a rejection could follow (a second statement, or one whose own outcome can reject after it
 * wrote something); a rejection then rolls back to it. A mutation whose only write is one statement that writes
 * all of it or none of it needs no savepoint, which saves a round trip per mutation.
 */
import type { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { Signer } from '../keys/signing-key.ts';
import type { PushBatch } from '../sync/push-batch.ts';
import type { DomainVerifier } from '../members/domain-verifier.ts';

/** What operations reach outside the database: the DNS proof of a domain, and where links in mail point. */
export type OperationServices = { domains: DomainVerifier; publicUrl: string };

export class Rejection extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		/** Machine-readable facts behind the message (e.g. when to retry), sent as the rejected result's `result`. */
		readonly details?: Record<string, unknown>
	) {
		super(message);
	}
}

export type OperationContext = {
	userId: string;
	clientId: string;
	mutationId: number;
	ip: string;
	signer: Signer;
	services: OperationServices;
	/** State shared by the mutations of one push transaction: access reads, versions taken, serials locked. */
	batch: PushBatch;
	/** Opens this mutation's savepoint (once; later calls do nothing). See the note on atomicity above. */
	savepoint(): Promise<void>;
};

export type PrepareContext = Pick<OperationContext, 'batch' | 'signer'>;

export interface Operation<S extends z.ZodType = z.ZodType> {
	name: string;
	args: S;
	/** Optional: a more specific rejection than `invalid_args` for some schema failures. */
	rejectArgs?(error: z.ZodError): Rejection | null;
	/** Optional: runs once per push before its new mutations, with the args of those that parse (e.g. to lock rows
	 * for the whole batch in one round trip). Writes nothing; `authorize` and `apply` still decide each mutation. */
	prepare?(tx: Kysely<Database>, ctx: PrepareContext, argsList: z.output<S>[]): Promise<void>;
	/** Optional: its writes wait in the batch (e.g. `PushBatch.registerLicense`) and it reads nothing they change
	 * except through the batch, so consecutive mutations of it share one write; any other operation first has the
	 * batch write them. */
	batchesWrites?: boolean;
	authorize(tx: Kysely<Database>, ctx: OperationContext, args: z.output<S>): Promise<void>;
	apply(tx: Kysely<Database>, ctx: OperationContext, args: z.output<S>): Promise<Record<string, unknown>>;
}

/** Keeps each module's args type tied to its schema while the registry holds them side by side. */
export function defineOperation<S extends z.ZodType>(operation: Operation<S>): Operation {
	return operation as unknown as Operation;
}
