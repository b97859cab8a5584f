/**
 * The role matrix: which roles may run each queued operation in an account, reached directly (own account, the
 * user's membership role) or through a delegation (the user's role in the partner account that holds it).
 * Data, so the server enforces it at apply time, the device can hide what would be refused, and a test walks
 * every cell. The spirit: admins do everything, technicians do field work (keys, hosts, vouchers, draw-downs,
 * upgrades, license data), members only read. Sharing and field definitions shape the whole account: admins only; so do purchases and seat assignments.
 * Delegating the account and its policy are the customer's own decisions: its admins only, never through a partner.
 * A delegation's scope caps the partner's roles: through a `read` delegation no operation is allowed at all.
 */
import type { Role } from './entities.ts';
import type { DelegationScope } from './entities/delegations.ts';
import type { OperationName } from './operations/index.ts';

export type Reach = 'own' | 'delegated';
export type Permission = { own: readonly Role[]; delegated: readonly Role[]; /** what they may do, for "Only … can …" */ what: string };

const FIELD_WORK: readonly Role[] = ['admin', 'technician'];
const ADMINS: readonly Role[] = ['admin'];
const field = (what: string): Permission => ({ own: FIELD_WORK, delegated: FIELD_WORK, what });
const admin = (what: string): Permission => ({ own: ADMINS, delegated: ADMINS, what });
const ownAdmin = (what: string): Permission => ({ own: ADMINS, delegated: [], what });

export const PermissionMatrix: Record<OperationName, Permission> = {
	'license.requestKey': field('request keys'),
	'license.upgradeVersion': field('upgrade licenses'),
	'voucher.redeem': field('redeem vouchers'),
	'enterprise.drawDown': field('draw down or release seats'),
	'enterprise.release': field('draw down or release seats'),
	'license.setFields': field('edit license data'),
	'host.activate': field('activate or deactivate hosts'),
	'host.deactivate': field('activate or deactivate hosts'),
	'host.move': field('activate or deactivate hosts'),
	'license.share': admin('share its licenses'),
	'license.unshare': admin('stop sharing its licenses'),
	'fields.define': admin('define fields'),
	'contract.renew': admin('renew its contracts'),
	'contract.coterm': admin('co-term its contracts'),
	'contract.setReminders': admin('change the reminders of its contracts'),
	// Users and domains: the account's admins, and a partner's admins for an account delegated to them (they manage it).
	'user.invite': admin('invite users'),
	'invitation.revoke': admin('revoke invitations'),
	'domain.approve': admin('approve email domains'),
	'member.setRole': admin('change roles'),
	'user.remove': admin('remove users'),
	'order.place': admin('buy seat packages'),
	'seat.assign': admin('assign or release seats'),
	'seat.release': admin('assign or release seats'),
	'delegation.grant': ownAdmin('delegate it to a partner'),
	'delegation.revoke': ownAdmin('end a partner\'s delegation'),
	'account.setPolicy': ownAdmin('change its security policy')
};

/** How a user reaches an account: a direct role, and roles in partner accounts that hold a delegation (with its scope). */
export type AccountReach = { directRole: Role | null; partnerRoles: readonly { role: Role; scope: DelegationScope }[] };

export function mayPerform(operation: OperationName, reach: AccountReach): boolean {
	const rule = PermissionMatrix[operation];
	if (reach.directRole !== null && rule.own.includes(reach.directRole)) return true;
	return reach.partnerRoles.some((p) => p.scope === 'manage' && rule.delegated.includes(p.role));
}

/** Reached only through `read` delegations: the user may view the account and do nothing in it. */
export function viewOnly(reach: AccountReach): boolean {
	return reach.directRole === null && reach.partnerRoles.length > 0 && reach.partnerRoles.every((p) => p.scope === 'read');
}

/** "Only an admin or a technician of this account can request keys." */
export function whoMay(operation: OperationName): string {
	const rule = PermissionMatrix[operation];
	const roles = [...new Set([...rule.own, ...rule.delegated])].map((role) => `${role === 'admin' ? 'an' : 'a'} ${role}`);
	return `Only ${roles.join(' or ')} of this account can ${rule.what}.`;
}
