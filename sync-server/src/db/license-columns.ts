/** A license's columns as a synced row carries them: the license itself, and a shared copy of it (sharing-changes). */
type LicenseColumns = {
	sku: string;
	product_name: string;
	product_version: string;
	serial: string | null;
	seats: number;
	maintenance_end: string;
	key: string;
	registration: unknown;
	host_id: string | null;
	status: string;
	fields: unknown;
};

export function licenseColumns(r: LicenseColumns) {
	return {
		sku: r.sku,
		productName: r.product_name,
		productVersion: r.product_version,
		serial: r.serial,
		seats: r.seats,
		maintenanceEnd: r.maintenance_end,
		key: r.key,
		registration: r.registration,
		hostId: r.host_id,
		status: r.status,
		fields: r.fields
	};
}
