/** Database rows to the console's API types (shared/src/console), one mapping each, used by accounts and search. */
import type { AccountListItem, AccountRef, LicenseSummary } from '@keyfield/shared';
import type { LicenseRow } from '../db/console-accounts.repository.ts';
import type { LicenseRegistration } from '../db/schema.ts';

export const iso = (at: Date | string) => new Date(at).toISOString();

export const accountRef = (a: { id: string; name: string; kind: AccountRef['kind'] }): AccountRef => ({ id: a.id, name: a.name, kind: a.kind });

export const accountListItem = (a: { id: string; name: string; kind: AccountRef['kind']; created_at: Date | string }): AccountListItem => ({
	...accountRef(a),
	createdAt: iso(a.created_at)
});

export function licenseSummary(l: LicenseRow): LicenseSummary {
	const registration = (typeof l.registration === 'string' ? JSON.parse(l.registration) : l.registration) as Partial<LicenseRegistration>;
	return {
		id: l.id,
		accountId: l.account_id,
		sku: l.sku,
		productName: l.product_name,
		productVersion: l.product_version,
		serial: l.serial,
		seats: l.seats,
		maintenanceEnd: l.maintenance_end,
		status: l.status,
		origin: l.origin,
		createdAt: iso(l.created_at),
		registeredTo: [registration.company, registration.contactName].filter(Boolean).join(' · ')
	};
}
