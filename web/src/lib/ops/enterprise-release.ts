/**
 * Enterprise Flexible release on the device: the license shows its seats after the release (revoked when none are
 * left), and the seats count as free on the agreement until the pull that acknowledges the release removes it.
 */
import { toLicenseView } from '../views/license-view.ts';
import type { ClientOperation } from './client-operation.ts';

export const releaseSeats: ClientOperation<'enterprise.release'> = {
	accountId: (args) => args.accountId,

	overlay(server, args, pending) {
		const row = server.licenses.get(args.licenseId);
		// A release of a license this device has not seen, or of more seats than it holds, is the server's to judge.
		if (!row || row.status !== 'active' || args.seats > row.seats) return {};
		const seatsLeft = row.seats - args.seats;
		const view = { ...toLicenseView(row), pendingMutationId: pending.mutationId };
		return {
			agreementSeats: [{ agreementId: args.agreementId, sku: row.sku, seats: -args.seats }],
			licenses: [seatsLeft === 0 ? { ...view, status: 'revoked' } : { ...view, seats: seatsLeft }]
		};
	}
};
