/**
 * Kysely table types. Synced tables carry `account_id` and `version` (the account's counter at the write that
 * produced the row). `accounts.version` is the counter itself; the account row's own sync version is `row_version`.
 * Dates (`date` columns) come back as 'YYYY-MM-DD' strings: both drivers are configured that way (connect.ts).
 */
import type { ColumnType, Generated, Insertable } from 'kysely';
import type { ActivityHeadsTable, RecoveryCodesTable, UserTotpTable } from './security.schema.ts';
import type { AgreementEventsTable, AgreementProductsTable, AgreementsTable, FieldDefinitionsTable, HostActivationsTable, LicenseHistoryTable, LicenseSharesTable, ShareCodesTable, SharedLicensesTable, UpgradeNotificationsTable, VoucherAttemptsTable, VoucherBatchesTable, VouchersTable } from './field-operations.schema.ts';
import type { ArtifactsTable, DownloadSecretsTable, ReleasesTable } from './downloads.schema.ts';
import type { ContractsTable, ProofChunksTable, ProofUploadsTable } from './renewals.schema.ts';
import type { ApprovedDomainsTable, InvitationAttemptsTable, InvitationsTable, MailOutboxTable } from './members.schema.ts';
import type { SeatAssignmentsTable, SeatOrdersTable, SeatPackagesTable, SeatPoolsTable } from './seats.schema.ts';
import type { ApiTokenFailuresTable, ApiTokensTable, WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable, WebhookEventsTable } from './integrations.schema.ts';

export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T> = ColumnType<T, string, string>;

export interface AccountsTable {
	id: string;
	name: string;
	kind: 'customer' | 'partner' | 'oem' | 'vendor' | 'catalog';
	version: Generated<number>;
	row_version: Generated<number>;
	require_two_step: Generated<boolean>; // migration 0014: every member must have 2-step verification
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

/** The customer account lets the partner account's users see it (`read`) or act in it by their role (`manage`).
 * Synced under the customer's account; a revoked one keeps its row (revoked_at) so late operations learn why. */
export interface DelegationsTable {
	id: string;
	customer_account_id: string;
	partner_account_id: string;
	created_at: CreatedAt;
	scope: Generated<'read' | 'manage'>; // migration 0014
	version: Generated<number>;
	granted_by: ColumnType<string | null, string | null | undefined, string | null>;
	revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
	/** The vendor's order reference, unique where given (migration 0017). */
	reference: ColumnType<string | null, string | null | undefined, string | null>;
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

/** Public halves of every signing key a process has used, so keys signed by any process verify. */
export interface SigningKeysTable {
	kid: string;
	public_key: string;
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
	proof_uploads: ProofUploadsTable;
	proof_chunks: ProofChunksTable;
	user_totp: UserTotpTable;
	recovery_codes: RecoveryCodesTable;
	activity_heads: ActivityHeadsTable;
	approved_domains: ApprovedDomainsTable;
	invitations: InvitationsTable;
	invitation_attempts: InvitationAttemptsTable;
	mail_outbox: MailOutboxTable;
	seat_packages: SeatPackagesTable;
	seat_pools: SeatPoolsTable;
	seat_orders: SeatOrdersTable;
	seat_assignments: SeatAssignmentsTable;
	api_tokens: ApiTokensTable;
	api_token_failures: ApiTokenFailuresTable;
	webhook_endpoints: WebhookEndpointsTable;
	webhook_events: WebhookEventsTable;
	webhook_deliveries: WebhookDeliveriesTable;
	webhook_attempts: WebhookAttemptsTable;
}

export type NewLicense = Insertable<LicensesTable>;
