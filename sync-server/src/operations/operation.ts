/**
 * The shape of a server operation (DESIGN §6): its args schema comes from shared, `authorize` checks the
 * signed-in user *now* (not when the device queued it), `apply` enforces the business rules and writes.
 * Both run inside the push transaction; a `Rejection` thrown from either becomes the stored result.
 */
import type { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { Signer } from '../keys/signing-key.ts';
import type { PushBatch } from '../sync/push-batch.ts';

export class Rejection extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string
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
	/** State shared by the mutations of one push transaction: access reads and the versions taken. */
	batch: PushBatch;
};

export interface Operation<S extends z.ZodType = z.ZodType> {
	name: string;
	args: S;
	/** Optional: a more specific rejection than `invalid_args` for some schema failures. */
	rejectArgs?(error: z.ZodError): Rejection | null;
	authorize(tx: Kysely<Database>, ctx: OperationContext, args: z.output<S>): Promise<void>;
	apply(tx: Kysely<Database>, ctx: OperationContext, args: z.output<S>): Promise<Record<string, unknown>>;
}

/** Keeps each module's args type tied to its schema while the registry holds them side by side. */
export function defineOperation<S extends z.ZodType>(operation: Operation<S>): Operation {
	return operation as unknown as Operation;
}
