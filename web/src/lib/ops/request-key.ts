/** "Get a key" on the device: a pending placeholder until the server row with the same licenseId arrives. */
import type { ClientOperation } from './client-operation.ts';
import { lastRegistrationKey } from '../db/meta.ts';

export const requestKey: ClientOperation<'license.requestKey'> = {
	accountId: (args) => args.accountId,

	overlay(server, args, pending) {
		// The licenseId is generated on the device, so the server row *is* this license: show it, not a twin.
		if (server.licenses.has(args.licenseId)) return {};
		return {
			licenses: [
				{
					id: args.licenseId,
					accountId: args.accountId,
					origin: 'serial',
					serial: args.serial,
					// Which product a serial belongs to is known only to the server (its certificate).
					sku: null,
					productName: null,
					productVersion: null,
					seats: null,
					maintenanceEnd: null,
					key: null,
					registration: args.registration,
					hostId: args.hostId ?? null,
					status: 'pending',
					fields: {},
					pendingMutationId: pending.mutationId,
					createdAt: pending.createdAt
				}
			]
		};
	},

	// The next "Get a key" in this account starts from what was typed last time.
	remember: (args) => [{ key: lastRegistrationKey(args.accountId), value: args.registration }]
};
