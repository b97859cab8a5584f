/**
 * Enterprise Flexible draw-down on the device: a pending license placeholder, and its seats counted against the
 * agreement's product until the server's license row (the same id) arrives, bringing the agreement's new count.
 */
import type { ClientOperation } from './client-operation.ts';

export const drawDown: ClientOperation<'enterprise.drawDown'> = {
	accountId: (args) => args.accountId,

	overlay(server, args, pending) {
		if (server.licenses.has(args.licenseId)) return {};
		const agreement = server.agreements?.get(args.agreementId);
		const product = agreement?.products.find((p) => p.sku === args.sku);
		const registration = args.registration ?? agreement?.licensee;
		return {
			agreementSeats: [{ agreementId: args.agreementId, sku: args.sku, seats: args.seats }],
			// Without a registration there is nothing honest to show as the licensee; the device always sends one.
			licenses: registration
				? [
						{
							id: args.licenseId,
							accountId: args.accountId,
							origin: 'agreement',
							serial: null,
							sku: args.sku,
							productName: product?.name ?? null,
							productVersion: null, // the catalog's current version is stamped by the server
							seats: args.seats,
							maintenanceEnd: agreement?.endsOn ?? null,
							key: null,
							registration,
							hostId: null,
							status: 'pending',
							fields: {},
							pendingMutationId: pending.mutationId,
							createdAt: pending.createdAt
						}
					]
				: []
		};
	}
};
