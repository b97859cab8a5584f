/** The console's Catalog reads: products (with their renewal cutoff and what hangs off them) and releases with artifacts. */
import type { ProductsPage, ReleasesPage } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { artifactsOf, listProducts, listReleases } from '../db/catalog-pages.repository.ts';
import type { Database } from '../db/schema.ts';
import { iso } from './console-rows.ts';
import { afterRowId, pageByRowId } from './page-cursor.ts';

type Db = Kysely<Database>;
type Page = { after?: string | undefined; limit: number };

export async function productsPage(db: Db, query: Page): Promise<ProductsPage> {
	const page = pageByRowId(await listProducts(db, { after: afterRowId(query.after), limit: query.limit }), query.limit);
	return {
		products: page.rows.map((p) => ({
			id: p.id,
			sku: p.sku,
			name: p.name,
			version: p.product_version,
			renewalCutoffVersion: p.renewal_cutoff_version,
			packages: Number(p.packages ?? 0),
			releases: Number(p.releases ?? 0),
			createdAt: iso(p.created_at)
		})),
		next: page.next
	};
}

export async function releasesPage(db: Db, query: Page & { sku?: string | undefined }): Promise<ReleasesPage> {
	const page = pageByRowId(await listReleases(db, { sku: query.sku, after: afterRowId(query.after), limit: query.limit }), query.limit);
	const artifacts = await artifactsOf(db, page.rows.map((r) => r.id));
	return {
		releases: page.rows.map((r) => ({
			id: r.id,
			sku: r.sku,
			version: r.release_version,
			platform: r.platform,
			channel: r.channel,
			notes: r.notes,
			publishedOn: r.published_on,
			createdAt: iso(r.created_at),
			artifacts: artifacts
				.filter((a) => a.release_id === r.id)
				.map((a) => ({ id: a.id, fileName: a.file_name, size: Number(a.size), sha256: a.sha256, contentType: a.content_type }))
		})),
		next: page.next
	};
}
