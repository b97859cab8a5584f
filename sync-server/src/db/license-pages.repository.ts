/** One account's licenses in pages by id (keyset), for the account read API. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export async function licensePage(db: Kysely<Database>, accountId: string, after: string | undefined, limit: number) {
	let query = db
		.selectFrom('licenses')
		.select(['id', 'sku', 'product_name', 'product_version', 'serial', 'seats', 'maintenance_end', 'status', 'host_id', 'key', 'created_at'])
		.where('account_id', '=', accountId)
		.orderBy('id')
		.limit(limit + 1);
	if (after) query = query.where('id', '>', after);
	const rows = await query.execute();
	return { rows: rows.slice(0, limit), more: rows.length > limit };
}
