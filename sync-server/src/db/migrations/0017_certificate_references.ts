/**
 * Frozen. A certificate may carry the vendor's order reference (bulk CSV uploads, the single form): unique where
 * given, so the same order file uploaded twice is refused instead of issuing every certificate twice.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('certificates').addColumn('reference', 'text').execute();
	await db.schema.createIndex('certificates_reference').unique().on('certificates').column('reference').where('reference', 'is not', null).execute();
}
