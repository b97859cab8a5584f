/**
 * Frozen. Integrations: API tokens (vendor level, for the vendor's order system, and account level, to read one
 * account's licenses and contracts), stored as the SHA-256 of the token only; failed token attempts per IP for the
 * rate limit; webhook endpoints, the events recorded in the transaction of the change that caused them, one
 * delivery per (event, endpoint) that the worker retries with backoff, and every attempt of a delivery.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('api_tokens')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('prefix', 'text', (c) => c.notNull()) // the token's first characters, to tell tokens apart in a list
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('vendor', 'account')`))
		.addColumn('account_id', 'uuid', (c) => c.references('accounts.id'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id')) // who created it; the token acts as them
		.addColumn('scopes', sql`text[]`, (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz')
		.addColumn('last_used_at', 'timestamptz')
		.addColumn('revoked_at', 'timestamptz')
		.addCheckConstraint('api_tokens_account', sql`(kind = 'account') = (account_id is not null)`)
		.execute();
	await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();

	await db.schema
		.createTable('api_token_failures')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('api_token_failures_ip_at').on('api_token_failures').columns(['ip', 'at']).execute();

	await db.schema
		.createTable('webhook_endpoints')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('url', 'text', (c) => c.notNull())
		.addColumn('secret', 'text', (c) => c.notNull()) // kept readable: every delivery is signed with it
		.addColumn('events', sql`text[]`, (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('deleted_at', 'timestamptz') // kept for its delivery log
		.execute();

	await db.schema
		.createTable('webhook_events')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('account_id', 'uuid')
		.addColumn('data', 'jsonb', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('webhook_deliveries')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('event_id', 'uuid', (c) => c.notNull().references('webhook_events.id'))
		.addColumn('endpoint_id', 'uuid', (c) => c.notNull().references('webhook_endpoints.id'))
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'failed', 'cancelled')`))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('locked_until', 'timestamptz') // a worker's lease on an attempt; a crashed worker's lease runs out
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('delivered_at', 'timestamptz')
		.execute();
	await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').column('next_attempt_at').where(sql.ref('status'), '=', 'pending').execute();
	await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'created_at']).execute();

	await db.schema
		.createTable('webhook_attempts')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('delivery_id', 'uuid', (c) => c.notNull().references('webhook_deliveries.id'))
		.addColumn('attempt', 'integer', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('duration_ms', 'integer', (c) => c.notNull())
		.addColumn('response_status', 'integer')
		.addColumn('error', 'text')
		.addColumn('ok', 'boolean', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').column('delivery_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_events', 'webhook_endpoints', 'api_token_failures', 'api_tokens']) {
		await db.schema.dropTable(table).execute();
	}
}
