/**
 * Rows that sync to devices. Every synced row carries `accountId` and `version` (the account's version counter
 * at the write that produced it); the server sends them exactly like this and Dexie stores them unchanged.
 */
import { z } from 'zod';
import { HostActivationRow } from './entities/hosts.ts';

export const Uuid = z.uuid();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Catalog data (products, later releases) lives in one pseudo-account that every signed-in user has in scope. */
export const CATALOG_ACCOUNT_ID = '00000000-0000-4000-8000-000000000000';

export const AccountKind = z.enum(['customer', 'partner', 'oem', 'vendor', 'catalog']);
export const Role = z.enum(['admin', 'member', 'technician']);
export type Role = z.infer<typeof Role>;

const synced = { accountId: Uuid, version: z.number().int().nonnegative() };

export const AccountRow = z.object({ id: Uuid, ...synced, name: z.string(), kind: AccountKind });
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

/** Table name -> row schema. Adding a synced table means one entry here, one Dexie store, one server source. */
export const SyncedTables = {
	accounts: AccountRow,
	memberships: MembershipRow,
	products: ProductRow,
	licenses: LicenseRow,
	host_activations: HostActivationRow
} as const;
export type SyncedTable = keyof typeof SyncedTables;
export type SyncedRow<T extends SyncedTable> = z.infer<(typeof SyncedTables)[T]>;
export const SyncedTableName = z.enum(Object.keys(SyncedTables) as [SyncedTable, ...SyncedTable[]]);

export const User = z.object({ id: Uuid, email: z.string(), name: z.string(), vendor: z.boolean() });
export type User = z.infer<typeof User>;
