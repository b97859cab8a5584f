/** The placeholder an operation that creates a license shows until the server row with its licenseId arrives. */
import type { LicenseOrigin, Registration } from '@keyfield/shared';
import type { LicenseView } from '../views/license-view.ts';
import type { Overlay, PendingContext, ServerState } from './client-operation.ts';

export function pendingLicenseOverlay(
	server: ServerState,
	args: { licenseId: string; accountId: string; registration: Registration; serial?: string; hostId?: string },
	origin: LicenseOrigin,
	pending: PendingContext
): Overlay {
	// The licenseId is generated on the device, so the server row *is* this license: show it, not a twin.
	if (server.licenses.has(args.licenseId)) return {};
	const view: LicenseView = {
		id: args.licenseId,
		accountId: args.accountId,
		origin,
		serial: args.serial ?? null,
		// Which product, seats and term a serial or voucher carries is known only to the server.
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
	};
	return { licenses: [view] };
}
