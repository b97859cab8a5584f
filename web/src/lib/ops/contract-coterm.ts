/** "Co-term" on the device: like a renewal, it changes no license until the vendor confirms, so the overlay is empty
 * and the contract views read the queued entry themselves (views/contracts.ts). */
import type { ClientOperation } from './client-operation.ts';

export const contractCoterm: ClientOperation<'contract.coterm'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};
