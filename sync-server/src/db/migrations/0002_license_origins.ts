/**
 * Frozen. Licenses that do not come from a certificate's serial (vouchers, Enterprise Flexible draw-downs, version
 * upgrades): where a license came from (`origin`, `source_id`), certificate and serial now optional, and the
 * account's custom fields on every license (`fields`, by field name).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('licenses')
		.addColumn('origin', 'text', (c) => c.notNull().defaultTo('serial').check(sql`origin in ('serial', 'voucher', 'agreement', 'upgrade')`))
		.execute();
	await db.schema.alterTable('licenses').addColumn('source_id', 'uuid').execute();
	await db.schema.alterTable('licenses').addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();
	await db.schema.alterTable('licenses').alterColumn('certificate_id', (c) => c.dropNotNull()).execute();
	await db.schema.alterTable('licenses').alterColumn('serial', (c) => c.dropNotNull()).execute();
}
