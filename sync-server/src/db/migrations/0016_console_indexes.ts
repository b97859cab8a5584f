/**
 * Frozen. Indexes only, for the vendor console's reads at 100,000 accounts and 1,000,000 licenses: the accounts
 * table in each of its keyset orders (name, created, kind; id breaks ties), an account found by the start of its
 * name, an account's licenses newest first (created_at never changes, so a page boundary never moves; `version`
 * does), a certificate's serial counts (from an index of (certificate_id, license_id), which replaces the one of
 * (certificate_id)), and a license's journal rows (what a search shows as its history). An account's journal
 * pages through activity_account_at, which exists.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('accounts_name_id').on('accounts').columns(['name', 'id']).execute();
	await db.schema.createIndex('accounts_created_id').on('accounts').columns(['created_at', 'id']).execute();
	await db.schema.createIndex('accounts_kind_name_id').on('accounts').columns(['kind', 'name', 'id']).execute();
	await db.schema.createIndex('licenses_account_created_id').on('licenses').columns(['account_id', 'created_at', 'id']).execute();
	// A certificate's serials and how many are registered, read from the index alone; it serves every use of the
	// (certificate_id) index it replaces, and costs a registration nothing more (its license_id update was never HOT).
	await db.schema.createIndex('serials_certificate_license').on('serials').columns(['certificate_id', 'license_id']).execute();
	await db.schema.dropIndex('serials_certificate').execute();
	await sql`create index accounts_name_prefix on accounts (lower(name) text_pattern_ops)`.execute(db);
	// Partial: most journal rows name no license, and only those that do are ever looked up this way.
	await sql`create index activity_license on activity ((details->>'licenseId')) where details->>'licenseId' is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('serials_certificate').on('serials').column('certificate_id').execute();
	for (const index of ['activity_license', 'accounts_name_prefix', 'serials_certificate_license', 'licenses_account_created_id', 'accounts_kind_name_id', 'accounts_created_id', 'accounts_name_id']) {
		await db.schema.dropIndex(index).execute();
	}
}
