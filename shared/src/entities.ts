/**
 * Rows that sync to devices. Every synced row carries `accountId` and `version` (the account's version counter
 * at the write that produced it); the server sends them exactly like this and Dexie stores them unchanged.
 */
import { z } from 'zod';
import { UpgradeNotificationRow } from './entities/upgrades.ts';
import { HostActivationRow } from './entities/hosts.ts';
import { ReleaseRow } from './entities/releases.ts';
import { ContractRow } from './entities/renewals.ts';
import { ApprovedDomainRow, InvitationRow } from './entities/members.ts';
import { SeatAssignmentRow, SeatOrderRow, SeatPackageRow, SeatPoolRow } from './entities/seats.ts';
import { DelegationRow } from './entities/delegations.ts';

export const Uuid = z.uuid();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Catalog data (products, later releases) lives in one pseudo-account that every signed-in user has in scope. */
export const CATALOG_ACCOUNT_ID = '00000000-0000-4000-8000-000000000000';

export const AccountKind = z.enum(['customer', 'partner', 'oem', 'vendor', 'catalog']);
export const Role = z.enum(['admin', 'member', 'technician']);
export type Role = z.infer<typeof Role>;

const synced = { accountId: Uuid, version: z.number().int().nonnegative() };

/** `requireTwoStep`: the account's policy that every member has 2-step verification (absent from older rows). */
export const AccountRow = z.object({ id: Uuid, ...synced, name: z.string(), kind: AccountKind, requireTwoStep: z.boolean().optional() });
export type AccountRow = z.infer<typeof AccountRow>;

/** Who belongs to an account and with which role; a device reads its own role from here. */
export const MembershipRow = z.object({ id: Uuid, ...synced, userId: Uuid, email: z.string(), role: Role });
export type MembershipRow = z.infer<typeof MembershipRow>;

export const ProductRow = z.object({ id: Uuid, ...synced, sku: z.string(), name: z.string(), productVersion: z.string() });
export type ProductRow = z.infer<typeof ProductRow>;

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code (ISO 3166)');

export const Registration = z.object({
	company: z.string().trim().min(1).max(200),
	contactName: z.string().trim().min(1).max(200),
	email: z.email().max(254),
	phone: z.string().trim().max(40).regex(/^[+()0-9 .\-/]*$/, 'digits, spaces and + ( ) - . / only').optional(),
	country: CountryCode
});
export type Registration = z.infer<typeof Registration>;

export const LicenseStatus = z.enum(['active', 'revoked']);

/** Where a license came from: a certificate's serial ("Get a key"), a voucher, an Enterprise Flexible draw-down,
 * or a version upgrade of another license. `sourceId` names that voucher, agreement or earlier license. */
export const LicenseOrigin = z.enum(['serial', 'voucher', 'agreement', 'upgrade']);
export type LicenseOrigin = z.infer<typeof LicenseOrigin>;

/** A user-defined field's value on a license (the field itself is defined per account). */
export const FieldValue = z.union([z.string().max(1000), z.number().finite(), z.null()]);
export type FieldValue = z.infer<typeof FieldValue>;

export const LicenseRow = z.object({
	id: Uuid,
	...synced,
	origin: LicenseOrigin,
	sourceId: Uuid.nullable(),
	certificateId: Uuid.nullable(), // only for origin 'serial' (and licenses upgraded from one)
	sku: z.string(),
	productName: z.string(),
	productVersion: z.string(),
	serial: z.string().nullable(), // the certificate's serial, for origin 'serial'
	seats: z.number().int().positive(),
	maintenanceEnd: IsoDate,
	key: z.string(),
	registration: Registration,
	hostId: z.string().nullable(),
	status: LicenseStatus,
	fields: z.record(z.string(), FieldValue), // custom data, by field name
	createdAt: IsoDateTime
});
export type LicenseRow = z.infer<typeof LicenseRow>;

/**
 * Enterprise Flexible agreements. An agreement gives an account a seat cap per product for a term; the account
 * draws seats down into licenses and releases them back. `seatsUsed` is the server's count at the row's version:
 * a device shows what remains "as of last sync" and subtracts its own pending draw-downs. The events are the
 * agreement's history, from which usage over time and the CSV export are computed.
 * (Here rather than in a file of its own: a module importing this one's primitives would be an import cycle.)
 */
export const AgreementProduct = z.object({
	sku: z.string(),
	name: z.string(),
	seatCap: z.number().int().positive(),
	seatsUsed: z.number().int().nonnegative()
});
export type AgreementProduct = z.infer<typeof AgreementProduct>;

export const AgreementRow = z.object({
	id: Uuid,
	...synced,
	name: z.string(),
	startsOn: IsoDate,
	endsOn: IsoDate, // inclusive; also the maintenance end of every license drawn from it
	// Who drawn licenses are registered to unless a draw-down names someone else (the contract's licensee).
	licensee: Registration,
	products: z.array(AgreementProduct)
});
export type AgreementRow = z.infer<typeof AgreementRow>;

export const AgreementEventKind = z.enum(['draw', 'release']);
export type AgreementEventKind = z.infer<typeof AgreementEventKind>;

export const AgreementEventRow = z.object({
	id: Uuid,
	...synced,
	agreementId: Uuid,
	sku: z.string(),
	kind: AgreementEventKind,
	seats: z.number().int().positive(),
	licenseId: Uuid,
	userEmail: z.string(), // who drew or released, as they signed in then
	at: IsoDateTime
});
export type AgreementEventRow = z.infer<typeof AgreementEventRow>;

// --- Sharing and custom data (license.share, license.unshare, license.setFields, fields.define) ---

/** A custom field an account defines for its licenses; values live in `LicenseRow.fields` under its name. */
export const FieldType = z.enum(['text', 'number', 'date', 'choice']);
export type FieldType = z.infer<typeof FieldType>;
export const FieldName = z.string().trim().min(1).max(60);

export const FieldDefinitionRow = z.object({
	id: Uuid,
	...synced,
	name: FieldName,
	type: FieldType,
	choices: z.array(z.string()) // only for 'choice'; empty otherwise
});
export type FieldDefinitionRow = z.infer<typeof FieldDefinitionRow>;

/** One change of one field. `replacedUserId` is set when the edit overwrote a value its editor had not seen: that
 * person's value was replaced, and their "Needs attention" tells them (the old value stays here). */
export const LicenseHistoryRow = z.object({
	id: Uuid,
	...synced,
	licenseId: Uuid,
	field: z.string(),
	oldValue: FieldValue,
	newValue: FieldValue,
	changedBy: z.string(),
	replacedUserId: Uuid.nullable(),
	at: IsoDateTime
});
export type LicenseHistoryRow = z.infer<typeof LicenseHistoryRow>;

/** The owner's side of a share (in the owner's account): with whom a license is shared. */
export const LicenseShareRow = z.object({
	id: Uuid,
	...synced,
	licenseId: Uuid,
	recipientAccountId: Uuid,
	recipientName: z.string(),
	sharedBy: z.string(),
	sharedAt: IsoDateTime
});
export type LicenseShareRow = z.infer<typeof LicenseShareRow>;

/** The recipient's read-only copy (in the recipient's account, which is all their scope holds); same id as the
 * owner's `LicenseShareRow`. Refreshed when the owner changes the license; deleted (a tombstone) on unshare. */
export const SharedLicenseRow = z
	.object({ id: Uuid, ...synced, licenseId: Uuid, ownerAccountName: z.string(), sharedAt: IsoDateTime })
	.extend(
		LicenseRow.pick({
			sku: true, productName: true, productVersion: true, serial: true, seats: true, maintenanceEnd: true,
			key: true, registration: true, hostId: true, status: true, fields: true
		}).shape
	);
export type SharedLicenseRow = z.infer<typeof SharedLicenseRow>;

/** The code an account gives to others so they can share licenses with it (id = the account's id). */
export const ShareCodeRow = z.object({ id: Uuid, ...synced, code: z.string() });
export type ShareCodeRow = z.infer<typeof ShareCodeRow>;

/** Table name -> row schema. Adding a synced table means one entry here, one Dexie store, one server source. */
export const SyncedTables = {
	accounts: AccountRow,
	memberships: MembershipRow,
	products: ProductRow,
	licenses: LicenseRow,
	agreements: AgreementRow,
	agreement_events: AgreementEventRow,
	// snake_case like their server tables: a change source names its table by the SQL table it reads
	field_definitions: FieldDefinitionRow,
	license_history: LicenseHistoryRow,
	license_shares: LicenseShareRow,
	shared_licenses: SharedLicenseRow,
	share_codes: ShareCodeRow,
	upgradeNotifications: UpgradeNotificationRow,
	host_activations: HostActivationRow,
	releases: ReleaseRow,
	contracts: ContractRow,
	invitations: InvitationRow,
	approved_domains: ApprovedDomainRow,
	seat_packages: SeatPackageRow,
	seat_pools: SeatPoolRow,
	seat_orders: SeatOrderRow,
	seat_assignments: SeatAssignmentRow,
	delegations: DelegationRow
} as const;
export type SyncedTable = keyof typeof SyncedTables;
export type SyncedRow<T extends SyncedTable> = z.infer<(typeof SyncedTables)[T]>;
export const SyncedTableName = z.enum(Object.keys(SyncedTables) as [SyncedTable, ...SyncedTable[]]);

export const User = z.object({ id: Uuid, email: z.string(), name: z.string(), vendor: z.boolean() });
export type User = z.infer<typeof User>;
