/** Tables of migrations 0008 (maintenance contracts) and 0011 (reminder lead times, activation codes, proof uploads). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json } from './schema.ts';

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
	reminder_leads: ColumnType<number[] | null, string | null | undefined, string | null>;
	activation_code: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: CreatedAt;
}

export interface ProofUploadsTable {
	id: string;
	account_id: string;
	contract_id: string;
	renewal_id: string;
	user_id: string;
	file_name: string;
	content_type: string;
	size: number;
	sha256: string;
	received: Generated<number>;
	completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	created_at: CreatedAt;
}

export interface ProofChunksTable {
	upload_id: string;
	account_id: string;
	start: number;
	bytes: Uint8Array;
}
