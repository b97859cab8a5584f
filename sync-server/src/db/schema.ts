/**
 * Kysely table types. Synced tables carry `account_id` and `version` (the account's counter at the write that
 * produced the row). `accounts.version` is the counter itself; the account row's own sync version is `row_version`.
 * Dates (`date` columns) come back as 'YYYY-MM-DD' strings: both drivers are configured that way (connect.ts).
 */
import type { ColumnType, Generated, Insertable } from 'kysely';
import type { ActivityHeadsTable, RecoveryCodesTable, UserTotpTable } from './security.schema.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface AccountsTable {
	id: string;
	name: string;
	kind: 'customer' | 'partner' | 'oem' | 'vendor' | 'catalog';
	version: Generated<number>;
	row_version: Generated<number>;
	created_at: CreatedAt;
}

export interface UsersTable {
	id: string;
	email: string;
	name: string;
	password_hash: string;
	vendor: Generated<boolean>;
	created_at: CreatedAt;
}

export interface MembershipsTable {
	id: string;
	account_id: string;
	user_id: string;
	role: 'admin' | 'member' | 'technician';
	version: number;
	created_at: CreatedAt;
}

/** The customer account lets the partner account's users see and manage it. */
export interface DelegationsTable {
	id: string;
	customer_account_id: string;
	partner_account_id: string;
	created_at: CreatedAt;
}

export interface SessionsTable {
	token_hash: string;
	id: Generated<string>;
	user_id: string;
	created_at: CreatedAt;
	expires_at: ColumnType<Date, Date, Date>;
	user_agent: string | null;
	ip: string | null;
}

export interface LoginFailuresTable {
	id: Generated<number>;
	email: string;
	ip: string;
	at: CreatedAt;
}

export interface ProductsTable {
	id: string;
	account_id: string;
	version: number;
	sku: string;
	name: string;
	product_version: string;
	renewal_cutoff_version: ColumnType<string | null, string | null | undefined, string | null>; // migration 0008
	created_at: CreatedAt;
}

export interface CertificatesTable {
	id: string;
	account_id: string | null;
	product_id: string;
	quantity: number;
	maintenance_end: string;
	created_at: CreatedAt;
}

export interface SerialsTable {
	serial: string;
	certificate_id: string;
	license_id: string | null;
}

export interface LicenseRegistration {
	company: string;
	contactName: string;
	email: string;
	phone?: string | undefined;
	country: string;
}

export interface LicensesTable {
	id: string;
	account_id: string;
	version: number;
	origin: Generated<'serial' | 'voucher' | 'agreement' | 'upgrade'>;
	source_id: ColumnType<string | null, string | null | undefined, string | null>;
	certificate_id: string | null;
	serial: string | null;
	sku: string;
	product_name: string;
	product_version: string;
	seats: number;
	maintenance_end: string;
	key: string;
	registration: Json<LicenseRegistration>;
	host_id: string | null;
	status: 'active' | 'revoked';
	fields: ColumnType<Record<string, string | number | null>, string | undefined, string>;
	created_at: CreatedAt;
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

export interface ReleasesTable {
	id: string;
	account_id: string;
	version: number;
	sku: string;
	release_version: string;
	platform: string;
	channel: 'stable' | 'beta';
	notes: string;
	published_on: string;
	created_at: CreatedAt;
}

export interface ArtifactsTable {
	id: string;
	account_id: string;
	release_id: string;
	file_name: string;
	size: ColumnType<string, number, never>; // bigint: pg returns it as text
	sha256: string;
	content_type: string;
	created_at: CreatedAt;
}

export interface DownloadSecretsTable {
	id: number;
	secret: string;
}

export interface TombstonesTable {
	id: Generated<number>;
	account_id: string;
	version: number;
	table_name: string;
	row_id: string;
}

export interface ClientsTable {
	id: string;
	user_id: string;
	last_mutation_id: Generated<number>;
	created_at: CreatedAt;
}

export interface StoredResult {
	id: number;
	status: 'applied' | 'rejected';
	code?: string;
	message?: string;
	result?: Record<string, unknown>;
}

export interface MutationResultsTable {
	client_id: string;
	mutation_id: number;
	result: Json<StoredResult>;
}

export interface PullCursorsTable {
	id: string;
	seq: Generated<number>;
	client_id: string;
	created_at: CreatedAt;
}

export interface PullCursorVersionsTable {
	cursor_id: string;
	account_id: string;
	version: number;
}

export interface ActivityTable {
	id: Generated<number>;
	at: CreatedAt;
	user_id: string | null;
	account_id: string | null;
	action: string;
	details: Json<Record<string, unknown>>;
	ip: string | null;
	client_id: string | null;
	mutation_id: number | null;
	chain_seq: number | null; // the rows' order in their account's chain (see activity.repository.ts)
	prev_hash: Buffer | null;
	hash: Buffer | null;
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

/** Public halves of every signing key a process has used, so keys signed by any process verify. */
export interface SigningKeysTable {
	kid: string;
	public_key: string;
	created_at: CreatedAt;
}

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

// --- Sharing and custom data (migration 0007) ---

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

type JsonValue = ColumnType<string | number | null, string, string>;

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

// --- Renewals (migration 0008) ---

export interface ContractPartner {
	name: string;
	email: string | null;
	phone: string | null;
}

export interface ContractsTable {
	id: string;
	account_id: string;
	version: number;
	certificate_id: string | null;
	license_id: string | null;
	product_id: string;
	product_version: string;
	seats: number;
	starts_on: string;
	ends_on: string;
	channel: 'online' | 'partner';
	partner: Json<ContractPartner | null>;
	purchased_on: string;
	proof_refs: Json<string[]>;
	revision: Generated<number>;
	pending_renewal_id: ColumnType<string | null, string | null | undefined, string | null>;
	pending_renewal_on: ColumnType<string | null, string | null | undefined, string | null>;
	pending_renewal_by: ColumnType<string | null, string | null | undefined, string | null>;
	last_renewal_id: ColumnType<string | null, string | null | undefined, string | null>;
	pending_coterm_id: ColumnType<string | null, string | null | undefined, string | null>;
	pending_coterm_end: ColumnType<string | null, string | null | undefined, string | null>;
	pending_coterm_on: ColumnType<string | null, string | null | undefined, string | null>;
	pending_coterm_by: ColumnType<string | null, string | null | undefined, string | null>;
	last_coterm_id: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: CreatedAt;
}

export interface Database {
	accounts: AccountsTable;
	users: UsersTable;
	memberships: MembershipsTable;
	delegations: DelegationsTable;
	sessions: SessionsTable;
	login_failures: LoginFailuresTable;
	products: ProductsTable;
	certificates: CertificatesTable;
	serials: SerialsTable;
	licenses: LicensesTable;
	host_activations: HostActivationsTable;
	releases: ReleasesTable;
	artifacts: ArtifactsTable;
	download_secrets: DownloadSecretsTable;
	tombstones: TombstonesTable;
	clients: ClientsTable;
	mutation_results: MutationResultsTable;
	pull_cursors: PullCursorsTable;
	pull_cursor_versions: PullCursorVersionsTable;
	activity: ActivityTable;
	signing_keys: SigningKeysTable;
	voucher_batches: VoucherBatchesTable;
	vouchers: VouchersTable;
	voucher_attempts: VoucherAttemptsTable;
	agreements: AgreementsTable;
	agreement_products: AgreementProductsTable;
	agreement_events: AgreementEventsTable;
	share_codes: ShareCodesTable;
	license_shares: LicenseSharesTable;
	shared_licenses: SharedLicensesTable;
	field_definitions: FieldDefinitionsTable;
	license_history: LicenseHistoryTable;
	upgrade_notifications: UpgradeNotificationsTable;
	contracts: ContractsTable;
	user_totp: UserTotpTable;
	recovery_codes: RecoveryCodesTable;
	activity_heads: ActivityHeadsTable;
}

export type NewLicense = Insertable<LicensesTable>;
