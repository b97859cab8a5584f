/**
 * `seat.assign`: one seat of the account's pool of a product to a member. Never more assigned than owned, also when
 * several devices assign at once: the pool row is locked first, so assignments to one pool take turns and each sees
 * the count the one before it left (and the pool's check constraint would refuse a count past `owned` anyway).
 * The member gets a confirmation mail through the outbox, in the same transaction.
 */
import { AssignSeatArgs, ErrorCode } from '@keyfield/shared';
import * as seats from '../db/seats.repository.ts';
import { queueMail } from '../mail/outbox.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';
import { journalSeatChange, openSeatWrite } from './seats-shared.ts';

export const seatAssign = defineOperation({
	name: 'seat.assign',
	args: AssignSeatArgs,

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'seat.assign', args.accountId),

	async apply(tx, ctx, args) {
		const version = await openSeatWrite(tx, ctx, args.accountId);
		const pool = await seats.lockPool(tx, args.accountId, args.productId);
		const email = await seats.memberEmail(tx, args.accountId, args.userId);
		if (!email) throw new Rejection(ErrorCode.memberUnknown, 'This person is not a member of this workspace (any more). Sync and pick a member again.');
		if (!pool || pool.assigned >= pool.owned) {
			const owned = pool?.owned ?? 0;
			throw new Rejection(
				ErrorCode.seatsUnavailable,
				owned === 0 ? 'This workspace owns no seats of this product. Buy a package first.' : `All ${owned} seats of this product are assigned. Release one or buy more.`,
				{ owned, assigned: pool?.assigned ?? 0 }
			);
		}
		if (await seats.heldSeat(tx, args.accountId, args.productId, args.userId)) {
			throw new Rejection(ErrorCode.seatAlreadyAssigned, `${email} already holds a seat of this product.`);
		}
		if (!(await seats.insertAssignment(tx, { id: args.assignmentId, accountId: args.accountId, version, productId: args.productId, userId: args.userId, assignedBy: ctx.userId }))) {
			throw new Rejection(ErrorCode.assignmentIdTaken, 'This assignment was already used. Assign the seat again.');
		}
		await seats.moveAssigned(tx, pool.id, args.accountId, 1, version);
		const product = (await tx.selectFrom('products').select('name').where('id', '=', args.productId).executeTakeFirstOrThrow()).name;
		await queueMail(tx, {
			to: email,
			accountId: args.accountId,
			subject: `A ${product} seat is yours`,
			text: `You were assigned a seat of ${product}. Open Keyfield to see your seats on the account page.`
		});
		await journalSeatChange(tx, ctx, args.accountId, 'seat.assign', { assignmentId: args.assignmentId, productId: args.productId, userId: args.userId, email, owned: pool.owned, assigned: pool.assigned + 1 });
		return { assignmentId: args.assignmentId, free: pool.owned - pool.assigned - 1 };
	}
});
