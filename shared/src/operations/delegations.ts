/** A customer admin delegates the account to a partner (named by the partner's account code) and revokes it;
 * and sets the account's policy (2-step verification required of every member). */
import { z } from 'zod';
import { Uuid } from '../entities.ts';
import { DelegationScope } from '../entities/delegations.ts';
import { ShareCode } from './sharing.ts';

export const GrantDelegationArgs = z.object({
	delegationId: Uuid, // generated on the device: the pending row and the server row share it
	accountId: Uuid, // the customer's account
	partnerCode: ShareCode, // the partner account's code (the same code its people see under "Share code")
	scope: DelegationScope
});
export type GrantDelegationArgs = z.input<typeof GrantDelegationArgs>;

export const GrantDelegationResult = z.object({ delegationId: Uuid, partnerName: z.string(), changed: z.boolean() });

export const RevokeDelegationArgs = z.object({ delegationId: Uuid, accountId: Uuid });
export type RevokeDelegationArgs = z.input<typeof RevokeDelegationArgs>;

export const SetAccountPolicyArgs = z.object({ accountId: Uuid, requireTwoStep: z.boolean() });
export type SetAccountPolicyArgs = z.input<typeof SetAccountPolicyArgs>;
