/**
 * "Version upgrade" on the device: until the server answers, the upgraded license shows its reduced seats as
 * pending and the new version shows as a pending placeholder (same id as the server row it becomes).
 */
import type { ClientOperation } from './client-operation.ts';
import type { LicenseView } from '../views/license-view.ts';

export const upgradeVersion: ClientOperation<'license.upgradeVersion'> = {
	accountId: (args) => args.accountId,

	overlay(server, args, pending) {
		// Once the new license has arrived the server rows tell the whole story (both halves are written together).
		if (server.licenses.has(args.newLicenseId)) return {};
		// Earlier queued upgrades of the same license count too, so two pending partial upgrades subtract both.
		const old = server.views?.get(args.licenseId);
		if (!old) return {};
		const pendingFields = { pendingMutationId: pending.mutationId, status: 'pending' as const, registration: args.registration };
		const placeholder: LicenseView = {
			...old,
			...pendingFields,
			id: args.newLicenseId,
			origin: 'upgrade',
			serial: null,
			// The target product is the notification's; the server decides, the screen shows it from the synced row.
			sku: null,
			productName: old.productName,
			productVersion: null,
			seats: args.quantity,
			key: null,
			createdAt: pending.createdAt
		};
		const left = (old.seats ?? 0) - args.quantity;
		return { licenses: [{ ...old, ...pendingFields, seats: left > 0 ? left : old.seats, key: left > 0 ? old.key : null }, placeholder] };
	}
};
