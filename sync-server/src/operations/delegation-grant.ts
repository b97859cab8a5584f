/**
 * A customer admin delegates the account to a partner, named by the partner's code, with a scope (`read` or
 * `manage`). Granting again to the same partner changes the scope (or revives a revoked delegation): one
 * delegation per customer and partner. The partner's people get the account in scope at their next pull (the
 * customer's version is bumped and the partner account poked, so their devices pull now).
 */
import { ErrorCode, GrantDelegationArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { accountByCode, findLiveDelegation, pokeAccount, upsertDelegation } from '../db/delegations.repository.ts';
import { isUniqueViolation } from '../db/transaction.ts';
import { takeVersion, userEmail } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';

type Args = z.output<typeof GrantDelegationArgs>;

const unknownCode = () => new Rejection(ErrorCode.partnerCodeUnknown, 'No partner account has this code: ask your partner for their partner code again.');

export const delegationGrant = defineOperation({
	name: 'delegation.grant',
	args: GrantDelegationArgs,

	rejectArgs(error) {
		return error.issues.some((i) => i.path[0] === 'partnerCode') ? unknownCode() : null;
	},

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'delegation.grant', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const partner = await accountByCode(tx, args.partnerCode);
		if (partner?.id === args.accountId) throw new Rejection(ErrorCode.delegationToSelf, 'This is your own account\'s code: enter the code of the partner to delegate to.');
		if (!partner || partner.kind !== 'partner') throw unknownCode();
		const live = await findLiveDelegation(tx, args.accountId, partner.id);
		if (live?.scope === args.scope) return { delegationId: live.id, partnerName: partner.name, changed: false };

		await ctx.savepoint();
		const version = await takeVersion(tx, ctx, args.accountId);
		const grantedBy = await userEmail(tx, ctx.userId);
		const { id } = await upsertDelegation(tx, { id: args.delegationId, customerAccountId: args.accountId, partnerAccountId: partner.id, scope: args.scope, version, grantedBy }).catch((err: unknown) => {
			throw isUniqueViolation(err) ? new Rejection(ErrorCode.invalidArgs, 'This request was already used for another delegation. Delegate again.') : err;
		});
		await pokeAccount(tx, partner.id);
		// Scope changed inside this push: later mutations must read access afresh.
		ctx.batch.forgetAccess();
		const journal = { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId };
		const details = { delegationId: id, customerAccountId: args.accountId, partnerAccountId: partner.id, scope: args.scope, previousScope: live?.scope ?? null };
		await recordActivity(tx, { ...journal, accountId: args.accountId, action: 'delegation.grant', details });
		await recordActivity(tx, { ...journal, accountId: partner.id, action: 'delegation.grant.received', details });
		return { delegationId: id, partnerName: partner.name, changed: true };
	}
});
