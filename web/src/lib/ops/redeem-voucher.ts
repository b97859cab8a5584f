/** Voucher center on the device: each queued code shows as a pending license until its server row arrives. */
import type { ClientOperation } from './client-operation.ts';
import { lastRegistrationKey } from '../db/meta.ts';
import { pendingLicenseOverlay } from './pending-license.ts';

export const redeemVoucher: ClientOperation<'voucher.redeem'> = {
	accountId: (args) => args.accountId,

	overlay: (server, args, pending) => pendingLicenseOverlay(server, args, 'voucher', pending),

	// A stack of vouchers for one customer is registered the same way: the next code starts from this registration.
	remember: (args) => [{ key: lastRegistrationKey(args.accountId), value: args.registration }]
};
