/**
 * Runs one mutation inside the push transaction: a business rejection rolls back whatever the operation wrote (to
 * the savepoint it opened, see `OperationContext.savepoint`) and becomes a stored `rejected` result, which still
 * consumes the id (the queue never wedges).
 */
import { ErrorCode, type Mutation, type MutationResult } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Rejection, type Operation, type OperationContext, type PrepareContext } from '../operations/operation.ts';
import { findOperation } from '../operations/registry.ts';

function rejected(id: number, rejection: Rejection): MutationResult {
	return { id, status: 'rejected', code: rejection.code, message: rejection.message, ...(rejection.details ? { result: rejection.details } : {}) };
}

// A mutation's args parsed once per push, by `prepareMutations` or else by `applyMutation`.
const parsedArgs = new WeakMap<Mutation, ReturnType<Operation['args']['safeParse']>>();
function parseArgs(operation: Operation, mutation: Mutation) {
	let parsed = parsedArgs.get(mutation);
	if (!parsed) parsedArgs.set(mutation, (parsed = operation.args.safeParse(mutation.args)));
	return parsed;
}

/** Gives each operation its `prepare` hook once, with the args of the batch's new mutations that parse. */
export async function prepareMutations(tx: Kysely<Database>, ctx: PrepareContext, mutations: readonly Mutation[]): Promise<void> {
	const argsByOperation = new Map<Operation, unknown[]>();
	for (const mutation of mutations) {
		const operation = findOperation(mutation.name);
		if (!operation?.prepare) continue;
		const parsed = parseArgs(operation, mutation);
		if (!parsed.success) continue;
		argsByOperation.set(operation, [...(argsByOperation.get(operation) ?? []), parsed.data]);
	}
	for (const [operation, argsList] of argsByOperation) await operation.prepare!(tx, ctx, argsList);
}

export async function applyMutation(tx: Kysely<Database>, baseCtx: Omit<OperationContext, 'savepoint'>, mutation: Mutation): Promise<MutationResult> {
	const operation = findOperation(mutation.name);
	if (!operation) {
		return rejected(mutation.id, new Rejection(ErrorCode.unknownOperation, `This server does not know the operation "${mutation.name}".`));
	}
	const parsed = parseArgs(operation, mutation);
	if (!parsed.success) {
		const paths = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(args)'))].slice(0, 5).join(', ');
		return rejected(mutation.id, operation.rejectArgs?.(parsed.error) ?? new Rejection(ErrorCode.invalidArgs, `Some details are not valid: ${paths}.`));
	}
	// Savepoints are opened and never released: `rollback to savepoint mutation` goes back to the newest one (this
	// mutation's, opened before its first write) and COMMIT keeps every level, so atomicity per mutation holds while
	// the release round trip per mutation is saved. A push holds at most MAX_MUTATIONS_PER_PUSH of them.
	let savepointOpen = false;
	const ctx: OperationContext = {
		...baseCtx,
		async savepoint() {
			if (savepointOpen) return;
			await sql`savepoint mutation`.execute(tx);
			savepointOpen = true;
		}
	};
	// Before its savepoint: the waiting writes belong to mutations already kept.
	if (!operation.batchesWrites) await ctx.batch.flushWrites();
	try {
		await operation.authorize(tx, ctx, parsed.data);
		const result = await operation.apply(tx, ctx, parsed.data);
		ctx.batch.mutationKept();
		return { id: mutation.id, status: 'applied', result };
	} catch (err) {
		if (!(err instanceof Rejection)) throw err;
		// No savepoint: by the operation's contract it wrote nothing (rejected before writing, or its one statement wrote none).
		if (savepointOpen) await sql`rollback to savepoint mutation`.execute(tx);
		ctx.batch.mutationRolledBack();
		return rejected(mutation.id, err);
	}
}
