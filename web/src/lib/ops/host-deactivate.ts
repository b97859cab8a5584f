/** "Deactivate" on the device: the host shows as on its way out until the server row says it is. */
import type { ClientOperation } from './client-operation.ts';
import { toHostView } from '../views/host-view.ts';

export const hostDeactivate: ClientOperation<'host.deactivate'> = {
	accountId: () => null,

	overlay(server, args, pending) {
		const row = server.hostActivations?.get(args.activationId);
		if (!row || row.deactivatedAt !== null) return {};
		return { hosts: [{ ...toHostView(row), pending: 'deactivate', pendingMutationId: pending.mutationId }] };
	}
};
