/** "Activate a host" on the device: a pending host until the server row with the same activationId arrives. */
import type { ClientOperation } from './client-operation.ts';
import { pendingHost } from '../views/host-view.ts';

export const hostActivate: ClientOperation<'host.activate'> = {
	// The license's account is in its row, not in the args; the outbox index only needs it for "Get a key".
	accountId: () => null,

	overlay(server, args, pending) {
		if (server.hostActivations?.has(args.activationId)) return {};
		return { hosts: [pendingHost(args.activationId, args.licenseId, args.hostId, pending)] };
	}
};
