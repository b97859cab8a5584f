/** The console's keyset pages of the catalog: products by SKU, releases newest first with their artifacts. */
import { CATALOG_ACCOUNT_ID } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;
type Page = { after?: string | undefined; limit: number };

/** Products after the cursor's row (its SKU read from the row itself), each with how many packages and releases hang off it. */
export async function listProducts(db: Db, page: Page) {
	let query = db
		.selectFrom('products as p')
		.select((eb) => [
			'p.id',
			'p.sku',
			'p.name',
			'p.product_version',
			'p.renewal_cutoff_version',
			'p.created_at',
			eb.selectFrom('seat_packages as s').select(eb.fn.countAll<string>().as('n')).whereRef('s.product_id', '=', 'p.id').as('packages'),
			eb.selectFrom('releases as r').select(eb.fn.countAll<string>().as('n')).whereRef('r.sku', '=', 'p.sku').as('releases')
		])
		.where('p.account_id', '=', CATALOG_ACCOUNT_ID);
	if (page.after) query = query.where(sql<boolean>`p.sku > (select c.sku from products c where c.id = ${page.after})`);
	return query.orderBy('p.sku').limit(page.limit + 1).execute();
}

export async function listReleases(db: Db, page: Page & { sku?: string | undefined }) {
	let query = db
		.selectFrom('releases as r')
		.select(['r.id', 'r.sku', 'r.release_version', 'r.platform', 'r.channel', 'r.notes', 'r.published_on', 'r.created_at'])
		.where('r.account_id', '=', CATALOG_ACCOUNT_ID);
	if (page.sku) query = query.where('r.sku', '=', page.sku);
	if (page.after) query = query.where(sql<boolean>`(r.created_at, r.id) < (select c.created_at, c.id from releases c where c.id = ${page.after})`);
	return query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(page.limit + 1).execute();
}

export async function artifactsOf(db: Db, releaseIds: readonly string[]) {
	if (releaseIds.length === 0) return [];
	return db
		.selectFrom('artifacts')
		.select(['id', 'release_id', 'file_name', 'size', 'sha256', 'content_type'])
		.where('release_id', 'in', releaseIds)
		.orderBy('release_id')
		.orderBy('file_name')
		.execute();
}
