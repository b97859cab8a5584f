/**
 * Queueing an operation (DESIGN §4): validate with the shared schema, then ONE transaction assigns the next
 * mutation id and writes the outbox row. The optimistic view is derived from the outbox, so that is the whole
 * local write; IndexedDB serialises readwrite transactions on `meta`, so ids stay gapless across tabs.
 */
import { ErrorCode, Operations, type OperationArgs, type OperationName, type ParsedOperationArgs } from '@keyfield/shared';
import { getDb, type KeyfieldDb } from '../db/db.ts';
import { newClient, storedClient, writeClient } from '../db/clients.ts';
import { getMeta } from '../db/meta.ts';
import { clientOperation } from './registry.ts';

/** Thrown when nobody is signed in on this device: every queued operation belongs to a user. */
export class NotSignedInError extends Error {
	readonly code = ErrorCode.unauthorized;
	constructor() {
		super('Sign in to queue this operation.');
	}
}

/** The User Timing measure each local operation records (read by `pnpm bench`, DESIGN §8: <= 10 ms p95; and by DevTools). */
export const ENQUEUE_MEASURE = 'keyfield:enqueue';

export async function enqueue<N extends OperationName>(
	name: N,
	args: OperationArgs<N>,
	db: KeyfieldDb = getDb(),
	now: () => Date = () => new Date()
): Promise<number> {
	const started = performance.now();
	const parsed = Operations[name].parse(args) as ParsedOperationArgs<N>; // throws ZodError before anything is written
	const op = clientOperation(name);
	const id = await db.transaction('rw', db.meta, db.outbox, async () => {
		const user = await getMeta(db, 'user');
		if (!user) throw new NotSignedInError();
		const client = (await storedClient(db, user.id)) ?? newClient();
		const id = client.nextMutationId;
		await db.outbox.add({
			id,
			clientId: client.clientId,
			name,
			args: parsed,
			createdAt: now().toISOString(),
			userId: user.id,
			accountId: op.accountId(parsed)
		});
		await writeClient(db, user.id, { ...client, nextMutationId: id + 1 });
		const remembered = op.remember?.(parsed) ?? [];
		if (remembered.length > 0) await db.meta.bulkPut(remembered);
		return id;
	});
	performance.measure(ENQUEUE_MEASURE, { start: started, end: performance.now() });
	return id;
}
