/**
 * Frozen. Users and approved email domains, and the mail outbox.
 * - `approved_domains`: per account, a domain pending its DNS TXT proof (the token is public: it is published in DNS)
 *   or approved (by that proof or by the vendor). Synced, so devices check an invitee's domain offline.
 * - `invitations`: single-use links with an expiry; only the token's SHA-256 is kept. Synced (without it).
 * - `invitation_attempts`: failed token look-ups per IP, for the guessing limit.
 * - `mail_outbox`: mail written in the transaction of the change it tells about, sent later by the sender loop.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('approved_domains')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('domain', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved')`))
		.addColumn('token', 'text', (c) => c.notNull())
		.addColumn('method', 'text', (c) => c.check(sql`method in ('dns', 'vendor')`))
		.addColumn('checked_at', 'timestamptz')
		.addColumn('approved_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('approved_domains_account_domain', ['account_id', 'domain'])
		.execute();
	await db.schema.createIndex('approved_domains_account_version').on('approved_domains').columns(['account_id', 'version']).execute();

	await db.schema
		.createTable('invitations')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'revoked')`))
		.addColumn('invited_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('accepted_by', 'uuid', (c) => c.references('users.id'))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('closed_at', 'timestamptz')
		.execute();
	await db.schema.createIndex('invitations_account_version').on('invitations').columns(['account_id', 'version']).execute();
	await db.schema.createIndex('invitations_account_email').on('invitations').columns(['account_id', 'email']).execute();

	await db.schema
		.createTable('invitation_attempts')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('invitation_attempts_ip_at').on('invitation_attempts').columns(['ip', 'at']).execute();

	await db.schema
		.createTable('mail_outbox')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('account_id', 'uuid', (c) => c.references('accounts.id'))
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sent', 'failed')`))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('sent_at', 'timestamptz')
		.execute();
	// The sender's look-up: due queued mail, oldest first.
	await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['next_attempt_at']).where(sql<boolean>`status = 'queued'`).execute();
	await db.schema.createIndex('mail_outbox_account_created').on('mail_outbox').columns(['account_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['mail_outbox', 'invitation_attempts', 'invitations', 'approved_domains']) await db.schema.dropTable(table).execute();
}
