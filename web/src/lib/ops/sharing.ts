/**
 * Sharing on the device. A pending share or unshare shows in the license's sharing panel (see views/sharing.ts),
 * which folds the outbox over the `license_shares` rows; it changes no license, so the license overlay is empty.
 */
import type { ClientOperation } from './client-operation.ts';

export const share: ClientOperation<'license.share'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};

export const unshare: ClientOperation<'license.unshare'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};
