/** Change sources of the sharing and custom-data tables (one `changedRows` each, see change-source.ts). */
import { changedRows } from './change-source.ts';
import { licenseColumns } from './license-columns.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

const shareCodes = changedRows<{ account_id: string; version: number; code: string }>('share_codes x', 'x.account_id, x.version, x.code', (r) => ({
	id: r.account_id,
	code: r.code
}));

const fieldDefinitions = changedRows<{ id: string; account_id: string; version: number; name: string; type: string; choices: string[] }>(
	'field_definitions x',
	'x.id, x.account_id, x.version, x.name, x.type, x.choices',
	(r) => ({ id: r.id, name: r.name, type: r.type, choices: r.choices })
);

type HistoryRow = { id: string; account_id: string; version: number; license_id: string; field: string; old_value: unknown; new_value: unknown; changed_by: string; replaced_user_id: string | null; at: Date };
const licenseHistory = changedRows<HistoryRow>('license_history x', 'x.*', (r) => ({
	id: r.id,
	licenseId: r.license_id,
	field: r.field,
	oldValue: r.old_value,
	newValue: r.new_value,
	changedBy: r.changed_by,
	replacedUserId: r.replaced_user_id,
	at: iso(r.at)
}));

type ShareRow = { id: string; account_id: string; version: number; license_id: string; recipient_account_id: string; recipient_name: string; shared_by: string; shared_at: Date };
const licenseShares = changedRows<ShareRow>(
	'license_shares x join accounts r on r.id = x.recipient_account_id',
	'x.*, r.name as recipient_name',
	(r) => ({ id: r.id, licenseId: r.license_id, recipientAccountId: r.recipient_account_id, recipientName: r.recipient_name, sharedBy: r.shared_by, sharedAt: iso(r.shared_at) })
);

// The license is read through the share at pull time, so the recipient always gets the license as it is now; a
// change to it stamps the share with a new version of the recipient's account (see touchSharedLicense).
type SharedRow = {
	id: string; account_id: string; version: number; license_id: string; owner_name: string; sku: string; product_name: string; product_version: string;
	serial: string | null; seats: number; maintenance_end: string; key: string; registration: unknown; host_id: string | null; status: string;
	fields: Record<string, unknown>; shared_at: Date;
};
const sharedLicenses = changedRows<SharedRow>(
	'shared_licenses x join licenses l on l.id = x.license_id join accounts o on o.id = x.owner_account_id',
	`x.id, x.account_id, x.version, x.license_id, x.shared_at, o.name as owner_name, l.sku, l.product_name, l.product_version, l.serial,
		l.seats, l.maintenance_end, l.key, l.registration, l.host_id, l.status, l.fields`,
	(r) => ({
		id: r.id,
		licenseId: r.license_id,
		ownerAccountName: r.owner_name,
		...licenseColumns(r),
		sharedAt: iso(r.shared_at)
	})
);

export const sharingChangeSources = [shareCodes, fieldDefinitions, licenseHistory, licenseShares, sharedLicenses];
