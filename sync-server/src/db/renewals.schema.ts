/** Tables of migration 0008: maintenance contracts. */
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
	created_at: CreatedAt;
}
