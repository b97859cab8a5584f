/** Every operation's client half by name; the mapped type makes a missing one a compile error. */
import { Operations, type OperationName, type ParsedOperationArgs } from '@keyfield/shared';
import type { OutboxEntry } from '../db/db.ts';
import type { ClientOperation, Overlay, ServerState } from './client-operation.ts';
import { requestKey } from './request-key.ts';
import { upgradeVersion } from './upgrade-version.ts';
import { redeemVoucher } from './redeem-voucher.ts';
import { drawDown } from './enterprise-draw-down.ts';
import { releaseSeats } from './enterprise-release.ts';
import { defineField, setFields } from './custom-fields.ts';
import { share, unshare } from './sharing.ts';
import { hostActivate } from './host-activate.ts';
import { hostDeactivate } from './host-deactivate.ts';
import { hostMove } from './host-move.ts';
import { contractRenew } from './contract-renew.ts';
import { contractCoterm } from './contract-coterm.ts';
import { contractSetReminders } from './contract-set-reminders.ts';
import { approveDomain, inviteUser, removeUser, revokeInvitation, setMemberRole } from './members.ts';
import { orderPlace, seatAssign, seatRelease } from './seats.ts';
import { grantDelegation, revokeDelegation, setAccountPolicy } from './delegations.ts';

export const clientOperations: { [N in OperationName]: ClientOperation<N> } = {
	'license.requestKey': requestKey,
	'license.upgradeVersion': upgradeVersion,
	'voucher.redeem': redeemVoucher,
	'enterprise.drawDown': drawDown,
	'enterprise.release': releaseSeats,
	'license.share': share,
	'license.unshare': unshare,
	'license.setFields': setFields,
	'fields.define': defineField,
	'host.activate': hostActivate,
	'host.deactivate': hostDeactivate,
	'host.move': hostMove,
	'contract.renew': contractRenew,
	'contract.coterm': contractCoterm,
	'contract.setReminders': contractSetReminders,
	'user.invite': inviteUser,
	'invitation.revoke': revokeInvitation,
	'domain.approve': approveDomain,
	'member.setRole': setMemberRole,
	'user.remove': removeUser,
	'order.place': orderPlace,
	'seat.assign': seatAssign,
	'seat.release': seatRelease,
	'delegation.grant': grantDelegation,
	'delegation.revoke': revokeDelegation,
	'account.setPolicy': setAccountPolicy
};

export function clientOperation<N extends OperationName>(name: N): ClientOperation<N> {
	return clientOperations[name];
}

/**
 * The overlay of one queued entry. Args are parsed again rather than trusted: an entry written by an older app
 * version that no longer parses shows nothing instead of breaking the list (the server will judge it).
 */
export function overlayOf(entry: OutboxEntry, server: ServerState): Overlay {
	const parsed = Operations[entry.name].safeParse(entry.args);
	if (!parsed.success) return {};
	const op = clientOperation(entry.name);
	return op.overlay(server, parsed.data as ParsedOperationArgs<typeof entry.name>, {
		mutationId: entry.id,
		createdAt: entry.createdAt
	});
}
