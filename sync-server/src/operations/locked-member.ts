/**
 * The member a role change or a removal acts on, read with the account's memberships locked (so two admins
 * demoting each other at once cannot leave the account without one). An account always keeps an admin.
 */
import { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { lockMemberships } from '../db/members.repository.ts';
import type { Database } from '../db/schema.ts';
import { Rejection } from './operation.ts';

export async function lockedMember(tx: Kysely<Database>, accountId: string, userId: string) {
	const memberships = await lockMemberships(tx, accountId);
	const target = memberships.find((m) => m.user_id === userId);
	if (!target) throw new Rejection(ErrorCode.memberUnknown, 'This person is not a member of this account (any more).');
	const lastAdmin = target.role === 'admin' && memberships.filter((m) => m.role === 'admin').length === 1;
	return { target, lastAdmin };
}

export const lastAdminRejection = () => new Rejection(ErrorCode.lastAdmin, "This is the account's last admin. Make someone else an admin first.");
