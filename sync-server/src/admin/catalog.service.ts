/** The console's Catalog reads: products (with their renewal cutoff and what hangs off them) and releases with artifacts. */
import type { ProductsPage, ReleasesPage } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { artifactsOf, listProducts, listReleases } from '../db/catalog-pages.repository.ts';
import type { Database } from '../db/schema.ts';
import { iso } from './console-rows.ts';
import { decodeCursor, pageOf } from './page-cursor.ts';

type Db = Kysely<Database>;
type Page = { after?: string | undefined; limit: number };

const RowCursor = z.object({ id: z.uuid() });

export async function productsPage(db: Db, query: Page): Promise<ProductsPage> {
	const cursor = query.after ? decodeCursor(RowCursor, query.after) : null;
	const rows = await listProducts(db, { after: cursor?.id, limit: query.limit });
	const page = pageOf(rows, query.limit, (last) => ({ id: last.id }));
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
	const cursor = query.after ? decodeCursor(RowCursor, query.after) : null;
	const rows = await listReleases(db, { sku: query.sku, after: cursor?.id, limit: query.limit });
	const page = pageOf(rows, query.limit, (last) => ({ id: last.id }));
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
