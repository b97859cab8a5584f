/** Tables of migration 0013: seat packages, pools, orders and assignments. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json } from './schema.ts';
import type { CurrencyTotal, OrderLine } from '@keyfield/shared';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface SeatPackagesTable {
	id: string;
	account_id: string; // the catalog account
	version: number;
	product_id: string;
	name: string;
	seats: number;
	price_minor: number;
	currency: string;
	active: Generated<boolean>;
	created_at: CreatedAt;
}

export interface SeatPoolsTable {
	id: string;
	account_id: string;
	version: number;
	product_id: string;
	owned: number;
	assigned: Generated<number>;
	created_at: CreatedAt;
}

export interface SeatOrdersTable {
	id: string;
	account_id: string;
	version: number;
	status: 'pending_payment' | 'confirmed';
	lines: Json<OrderLine[]>;
	totals: Json<CurrencyTotal[]>;
	placed_by: string;
	placed_at: CreatedAt;
	confirmed_at: Nullable<Date>;
	confirmed_by: Nullable<string>;
	payment_ref: Nullable<string>;
}

export interface SeatAssignmentsTable {
	id: string;
	account_id: string;
	version: number;
	product_id: string;
	user_id: string;
	assigned_at: CreatedAt;
	assigned_by: Nullable<string>;
	released_at: Nullable<Date>;
	released_by: Nullable<string>;
}
