/** Tables of the field operations (migrations 0003–0007): vouchers, upgrade notifications, Enterprise Flexible
 * agreements, host activations, sharing and custom data. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, LicenseRegistration } from './schema.ts';

type JsonValue = ColumnType<string | number | null, string, string>;

export interface VoucherBatchesTable {
	id: string;
	product_id: string;
	seats: number;
	term_months: number;
	expires_on: string; // the last day a code of the batch can be redeemed (UTC)
	restricted_account_id: string | null; // only this account's users may redeem (to others the codes do not exist)
	created_at: CreatedAt;
}

export interface VouchersTable {
	id: string;
	code: string;
	batch_id: string;
	voided_at: Date | null;
	redeemed_at: Date | null;
	redeemed_by: string | null;
	redeemed_account_id: string | null;
	license_id: string | null;
}

/** A user's failed voucher redemptions in the current window (see operations/voucher-attempts.ts). */
export interface VoucherAttemptsTable {
	user_id: string;
	failures: number;
	window_start: Date;
}

export interface UpgradeNotificationsTable {
	id: string;
	account_id: string;
	version: number;
	code: string;
	sku: string;
	target_sku: string;
	quantity: number;
	used: Generated<number>;
	expires_on: string;
	created_at: CreatedAt;
}

/** Enterprise Flexible: an agreement's term and licensee; its products and usage are below. */
export interface AgreementsTable {
	id: string;
	account_id: string;
	version: number;
	name: string;
	starts_on: string;
	ends_on: string;
	licensee: Json<LicenseRegistration>;
	created_at: CreatedAt;
}

export interface AgreementProductsTable {
	agreement_id: string;
	account_id: string;
	sku: string;
	seat_cap: number;
	seats_used: Generated<number>;
}

export interface AgreementEventsTable {
	id: string;
	account_id: string;
	version: number;
	agreement_id: string;
	sku: string;
	kind: 'draw' | 'release';
	seats: number;
	license_id: string;
	user_email: string;
	at: CreatedAt;
}

export interface HostActivationsTable {
	id: string;
	account_id: string;
	version: number;
	license_id: string;
	host_id: string;
	key: string;
	activated_at: CreatedAt;
	activated_by: string | null;
	deactivated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	deactivated_by: ColumnType<string | null, string | null | undefined, string | null>;
	moved_to: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ShareCodesTable {
	account_id: string;
	version: number;
	code: string;
}

/** The owner's side of a share. */
export interface LicenseSharesTable {
	id: string;
	account_id: string;
	version: number;
	license_id: string;
	recipient_account_id: string;
	shared_by: string;
	shared_at: CreatedAt;
}

/** The recipient's side (same id); the license itself is read through it, so the copy is never stale. */
export interface SharedLicensesTable {
	id: string;
	account_id: string;
	version: number;
	license_id: string;
	owner_account_id: string;
	shared_at: CreatedAt;
}

export interface FieldDefinitionsTable {
	id: string;
	account_id: string;
	version: number;
	name: string;
	type: 'text' | 'number' | 'date' | 'choice';
	choices: Json<string[]>;
}

export interface LicenseHistoryTable {
	id: string;
	account_id: string;
	version: number;
	license_id: string;
	field: string;
	old_value: JsonValue;
	new_value: JsonValue;
	changed_by: string;
	changed_by_user_id: string | null;
	replaced_user_id: string | null;
	seq: Generated<number>;
	at: CreatedAt;
}
