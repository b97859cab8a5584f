/** `seat.release`: the member's seat goes back to the pool. The assignment row stays as history (`releasedAt`). */
import { ErrorCode, ReleaseSeatArgs } from '@keyfield/shared';
import * as seats from '../db/seats.repository.ts';
import { queueMail } from '../mail/outbox.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';
import { journalSeatChange, openSeatWrite } from './seats-shared.ts';

export const seatRelease = defineOperation({
	name: 'seat.release',
	args: ReleaseSeatArgs,

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'seat.release', args.accountId),

	async apply(tx, ctx, args) {
		const version = await openSeatWrite(tx, ctx, args.accountId);
		// Same words whether it does not exist, is another account's, or was released already.
		const unknown = () => new Rejection(ErrorCode.assignmentUnknown, 'This seat is not assigned any more. Sync to see the seats as they are.');
		const probe = await tx.selectFrom('seat_assignments').select('product_id').where('id', '=', args.assignmentId).where('account_id', '=', args.accountId).executeTakeFirst();
		if (!probe) throw unknown();
		// The pool first, then the assignment: the lock order of seat.assign.
		const pool = await seats.lockPool(tx, args.accountId, probe.product_id);
		const assignment = await seats.lockAssignment(tx, args.accountId, args.assignmentId);
		if (!pool || !assignment || assignment.released_at !== null) throw unknown();
		await seats.markReleased(tx, { id: assignment.id, accountId: args.accountId, version, releasedBy: ctx.userId });
		await seats.moveAssigned(tx, pool.id, args.accountId, -1, version);
		await queueMail(tx, {
			to: assignment.email,
			accountId: args.accountId,
			subject: `Your ${assignment.product_name} seat was released`,
			text: `Your seat of ${assignment.product_name} was released by an admin of your workspace.`
		});
		await journalSeatChange(tx, ctx, args.accountId, 'seat.release', { assignmentId: assignment.id, productId: assignment.product_id, userId: assignment.user_id, email: assignment.email });
		return { assignmentId: assignment.id, free: pool.owned - pool.assigned + 1 };
	}
});
