/** Operation name -> server module. Adding an operation is one module and one line here. */
import { Operations, type OperationName } from '@keyfield/shared';
import { licenseRequestKey } from './license-request-key.ts';
import { licenseUpgradeVersion } from './license-upgrade-version.ts';
import { voucherRedeem } from './voucher-redeem.ts';
import { enterpriseDrawDown } from './enterprise-draw-down.ts';
import { enterpriseRelease } from './enterprise-release.ts';
import { fieldsDefine } from './fields-define.ts';
import { licenseSetFields } from './license-set-fields.ts';
import { licenseShare } from './license-share.ts';
import { licenseUnshare } from './license-unshare.ts';
import { hostActivate } from './host-activate.ts';
import { hostDeactivate } from './host-deactivate.ts';
import { hostMove } from './host-move.ts';
import { contractRenew } from './contract-renew.ts';
import { contractCoterm } from './contract-coterm.ts';
import { contractSetReminders } from './contract-set-reminders.ts';
import { userInvite } from './user-invite.ts';
import { invitationRevoke } from './invitation-revoke.ts';
import { domainApprove } from './domain-approve.ts';
import { memberSetRole } from './member-set-role.ts';
import { userRemove } from './user-remove.ts';
import { orderPlace } from './order-place.ts';
import { seatAssign } from './seat-assign.ts';
import { seatRelease } from './seat-release.ts';
import { delegationGrant } from './delegation-grant.ts';
import { delegationRevoke } from './delegation-revoke.ts';
import { accountSetPolicy } from './account-set-policy.ts';
import type { Operation } from './operation.ts';

const modules: Record<OperationName, Operation> = {
	'license.requestKey': licenseRequestKey,
	'license.upgradeVersion': licenseUpgradeVersion,
	'voucher.redeem': voucherRedeem,
	'enterprise.drawDown': enterpriseDrawDown,
	'enterprise.release': enterpriseRelease,
	'license.share': licenseShare,
	'license.unshare': licenseUnshare,
	'license.setFields': licenseSetFields,
	'fields.define': fieldsDefine,
	'host.activate': hostActivate,
	'host.deactivate': hostDeactivate,
	'host.move': hostMove,
	'contract.renew': contractRenew,
	'contract.coterm': contractCoterm,
	'contract.setReminders': contractSetReminders,
	'user.invite': userInvite,
	'invitation.revoke': invitationRevoke,
	'domain.approve': domainApprove,
	'member.setRole': memberSetRole,
	'user.remove': userRemove,
	'order.place': orderPlace,
	'seat.assign': seatAssign,
	'seat.release': seatRelease,
	'delegation.grant': delegationGrant,
	'delegation.revoke': delegationRevoke,
	'account.setPolicy': accountSetPolicy
};

// Every shared operation must have a server half, and the names must agree.
for (const [name, module] of Object.entries(modules)) {
	if (module.name !== name || !(name in Operations)) throw new Error(`operation registry mismatch: ${name}`);
}

export function findOperation(name: string): Operation | undefined {
	return Object.hasOwn(modules, name) ? modules[name as OperationName] : undefined;
}
