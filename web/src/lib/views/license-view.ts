/** What the license screens show: a server row, or a pending placeholder an outbox entry implies. */
import type { FieldValue, LicenseOrigin, LicenseRow, Registration } from '@keyfield/shared';

export interface LicenseView {
	id: string;
	accountId: string;
	origin: LicenseOrigin;
	serial: string | null;
	sku: string | null;
	productName: string | null;
	productVersion: string | null;
	seats: number | null;
	maintenanceEnd: string | null;
	key: string | null;
	registration: Registration;
	hostId: string | null;
	status: 'active' | 'revoked' | 'pending';
	fields: Record<string, FieldValue>;
	pendingMutationId: number | null;
	createdAt: string;
	/** Set for a license another account shares with this one: the owner's name; it is read-only here. */
	sharedBy?: string;
}

export function toLicenseView(row: LicenseRow): LicenseView {
	return {
		id: row.id,
		accountId: row.accountId,
		origin: row.origin,
		serial: row.serial,
		sku: row.sku,
		productName: row.productName,
		productVersion: row.productVersion,
		seats: row.seats,
		maintenanceEnd: row.maintenanceEnd,
		key: row.key,
		registration: row.registration,
		hostId: row.hostId,
		status: row.status,
		fields: row.fields,
		pendingMutationId: null,
		createdAt: row.createdAt
	};
}

/** Newest first, as people look for what they just did. */
export function byNewest(a: LicenseView, b: LicenseView): number {
	return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id);
}
