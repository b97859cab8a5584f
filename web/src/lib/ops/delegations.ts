/**
 * Delegation and account policy on the device. A pending grant or revoke shows in the delegations list (see
 * views/delegations.ts), which folds the outbox over the `delegations` rows; a pending policy shows on its switch.
 * None changes a license, so the license overlay is empty.
 */
import type { ClientOperation } from './client-operation.ts';

export const grantDelegation: ClientOperation<'delegation.grant'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};

export const revokeDelegation: ClientOperation<'delegation.revoke'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};

export const setAccountPolicy: ClientOperation<'account.setPolicy'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};
