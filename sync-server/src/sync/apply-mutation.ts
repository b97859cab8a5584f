/**
 * Runs one mutation inside the push transaction, behind a savepoint: a business rejection rolls back whatever
 * the operation wrote and becomes a stored `rejected` result, which still consumes the id (the queue never wedges).
 */
import { ErrorCode, type Mutation, type MutationResult } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Rejection, type OperationContext } from '../operations/operation.ts';
import { findOperation } from '../operations/registry.ts';

function rejected(id: number, rejection: Rejection): MutationResult {
	return { id, status: 'rejected', code: rejection.code, message: rejection.message };
}

export async function applyMutation(tx: Kysely<Database>, ctx: OperationContext, mutation: Mutation): Promise<MutationResult> {
	const operation = findOperation(mutation.name);
	if (!operation) {
		return rejected(mutation.id, new Rejection(ErrorCode.unknownOperation, `This server does not know the operation "${mutation.name}".`));
	}
	const parsed = operation.args.safeParse(mutation.args);
	if (!parsed.success) {
		const paths = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(args)'))].slice(0, 5).join(', ');
		return rejected(mutation.id, operation.rejectArgs?.(parsed.error) ?? new Rejection(ErrorCode.invalidArgs, `Some details are not valid: ${paths}.`));
	}
	// Savepoints are opened and never released: `rollback to savepoint mutation` goes back to the newest one (this
	// mutation's start) and COMMIT keeps every level, so atomicity per mutation holds while the release round trip
	// per mutation is saved. A push holds at most MAX_MUTATIONS_PER_PUSH of them.
	await sql`savepoint mutation`.execute(tx);
	try {
		await operation.authorize(tx, ctx, parsed.data);
		const result = await operation.apply(tx, ctx, parsed.data);
		ctx.batch.mutationKept();
		return { id: mutation.id, status: 'applied', result };
	} catch (err) {
		if (!(err instanceof Rejection)) throw err;
		await sql`rollback to savepoint mutation`.execute(tx);
		ctx.batch.mutationRolledBack();
		return rejected(mutation.id, err);
	}
}
