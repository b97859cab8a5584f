/**
 * Every queued operation by name. Adding one is one entry here, one server module, one client half.
 * The server validates `args` with these schemas at apply time; the device validates before queueing.
 */
import type { z } from 'zod';
import { RequestKeyArgs } from './request-key.ts';
import { RedeemVoucherArgs } from './redeem-voucher.ts';
import { DrawDownArgs, ReleaseArgs } from './enterprise.ts';
import { DefineFieldArgs, SetFieldsArgs } from './custom-fields.ts';
import { ShareArgs, UnshareArgs } from './sharing.ts';
import { UpgradeVersionArgs } from './upgrade-version.ts';
import { ActivateHostArgs, DeactivateHostArgs, MoveHostArgs } from './hosts.ts';
import { CotermContractsArgs, RenewContractArgs, SetRemindersArgs } from './renewals.ts';
import { ApproveDomainArgs, InviteUserArgs, RemoveUserArgs, RevokeInvitationArgs, SetMemberRoleArgs } from './members.ts';
import { AssignSeatArgs, PlaceOrderArgs, ReleaseSeatArgs } from './seats.ts';
import { GrantDelegationArgs, RevokeDelegationArgs, SetAccountPolicyArgs } from './delegations.ts';

export const Operations = {
	'license.requestKey': RequestKeyArgs,
	'license.upgradeVersion': UpgradeVersionArgs,
	'voucher.redeem': RedeemVoucherArgs,
	'enterprise.drawDown': DrawDownArgs,
	'enterprise.release': ReleaseArgs,
	'license.share': ShareArgs,
	'license.unshare': UnshareArgs,
	'license.setFields': SetFieldsArgs,
	'fields.define': DefineFieldArgs,
	'host.activate': ActivateHostArgs,
	'host.deactivate': DeactivateHostArgs,
	'host.move': MoveHostArgs,
	'contract.renew': RenewContractArgs,
	'contract.coterm': CotermContractsArgs,
	'contract.setReminders': SetRemindersArgs,
	'user.invite': InviteUserArgs,
	'invitation.revoke': RevokeInvitationArgs,
	'domain.approve': ApproveDomainArgs,
	'member.setRole': SetMemberRoleArgs,
	'user.remove': RemoveUserArgs,
	'order.place': PlaceOrderArgs,
	'seat.assign': AssignSeatArgs,
	'seat.release': ReleaseSeatArgs,
	'delegation.grant': GrantDelegationArgs,
	'delegation.revoke': RevokeDelegationArgs,
	'account.setPolicy': SetAccountPolicyArgs
} as const satisfies Record<string, z.ZodType>;

export type OperationName = keyof typeof Operations;
export type OperationArgs<N extends OperationName> = z.input<(typeof Operations)[N]>;
export type ParsedOperationArgs<N extends OperationName> = z.output<(typeof Operations)[N]>;

export function isOperationName(name: string): name is OperationName {
	return Object.hasOwn(Operations, name);
}

export * from './request-key.ts';
export * from './redeem-voucher.ts';
export * from './enterprise.ts';
export * from './custom-fields.ts';
export * from './sharing.ts';
export * from './upgrade-version.ts';
export * from './hosts.ts';
export * from './renewals.ts';
export * from './members.ts';
export * from './seats.ts';
export * from './delegations.ts';
