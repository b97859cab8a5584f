/** "Get a key" on the device: a pending placeholder until the server row with the same licenseId arrives. */
import type { ClientOperation } from './client-operation.ts';
import { lastRegistrationKey } from '../db/meta.ts';
import { pendingLicenseOverlay } from './pending-license.ts';

export const requestKey: ClientOperation<'license.requestKey'> = {
	accountId: (args) => args.accountId,

	overlay: (server, args, pending) => pendingLicenseOverlay(server, args, 'serial', pending),

	// The next "Get a key" in this account starts from what was typed last time.
	remember: (args) => [{ key: lastRegistrationKey(args.accountId), value: args.registration }]
};
