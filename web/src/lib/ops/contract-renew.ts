/**
 * "Renew" on the device. A queued renewal changes no license, so the overlay is empty: the contract views read the
 * queued `contract.renew` entries themselves (views/contracts.ts) and show the contract as "renewal requested".
 */
import type { ClientOperation } from './client-operation.ts';

export const contractRenew: ClientOperation<'contract.renew'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};
