/** A contract's reminder lead times on the device: no license changes, so the overlay is empty; the contract views
 * read the latest queued entry themselves (views/contracts.ts) until the pulled row carries the lead times. */
import type { ClientOperation } from './client-operation.ts';

export const contractSetReminders: ClientOperation<'contract.setReminders'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};
