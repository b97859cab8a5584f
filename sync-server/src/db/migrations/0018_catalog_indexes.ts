/**
 * Frozen. Indexes only, for the vendor console's Catalog: releases are read newest first, all of them or one
 * product's, a keyset page at a time, so each order has an index that ends where the page cursor compares.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('releases_created_id').on('releases').columns(['created_at', 'id']).execute();
	await db.schema.createIndex('releases_sku_created_id').on('releases').columns(['sku', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('releases_sku_created_id').execute();
	await db.schema.dropIndex('releases_created_id').execute();
}
