/** "Move to new hardware" on the device: the old host on its way out and the new one pending, as one change. */
import type { ClientOperation } from './client-operation.ts';
import { pendingHost, toHostView } from '../views/host-view.ts';

export const hostMove: ClientOperation<'host.move'> = {
	accountId: () => null,

	overlay(server, args, pending) {
		const old = server.hostActivations?.get(args.activationId);
		// Once the server row of the new host is here the move is done (the old row arrives in the same pull).
		if (!old || old.deactivatedAt !== null || server.hostActivations?.has(args.newActivationId)) return {};
		return {
			hosts: [
				{ ...toHostView(old), pending: 'move-away', movedTo: args.newActivationId, pendingMutationId: pending.mutationId },
				pendingHost(args.newActivationId, args.licenseId, args.newHostId, pending)
			]
		};
	}
};
