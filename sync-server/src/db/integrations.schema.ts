/** Tables of migration 0015: API tokens and webhooks. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json } from './schema.ts';

type Moment = ColumnType<Date | null, Date | null | undefined, Date | null>;

export interface ApiTokensTable {
	id: string;
	token_hash: string;
	prefix: string;
	name: string;
	kind: 'vendor' | 'account';
	account_id: string | null;
	user_id: string;
	scopes: string[];
	created_at: CreatedAt;
	expires_at: Moment;
	last_used_at: Moment;
	revoked_at: Moment;
}

export interface ApiTokenFailuresTable {
	id: Generated<string>;
	ip: string;
	at: CreatedAt;
}

export interface WebhookEndpointsTable {
	id: string;
	url: string;
	secret: string;
	events: string[];
	description: Generated<string>;
	created_by: string;
	created_at: CreatedAt;
	deleted_at: Moment;
}

export interface WebhookEventsTable {
	id: string;
	type: string;
	account_id: string | null;
	data: Json<Record<string, unknown>>;
	created_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
	id: Generated<string>;
	event_id: string;
	endpoint_id: string;
	status: Generated<'pending' | 'delivered' | 'failed' | 'cancelled'>;
	attempts: Generated<number>;
	next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
	locked_until: Moment;
	created_at: CreatedAt;
	delivered_at: Moment;
}

export interface WebhookAttemptsTable {
	id: Generated<string>;
	delivery_id: string;
	attempt: number;
	at: CreatedAt;
	duration_ms: number;
	response_status: number | null;
	error: string | null;
	ok: boolean;
}
