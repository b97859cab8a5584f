/**
 * The releases a pull sends (catalog account), each with its product's name and its artifacts inside the row: an
 * upload re-stamps the release, so its artifact list arrives with it.
 */
import type { ArtifactInfo } from '@keyfield/shared';
import type { Selectable } from 'kysely';
import { changedRows } from './change-source.ts';
import type { ReleasesTable } from './downloads.schema.ts';

type ReleaseSqlRow = Selectable<ReleasesTable> & { product_name: string; artifacts: ArtifactInfo[] };

export const releaseChanges = changedRows<ReleaseSqlRow>(
	'releases x join products p on p.sku = x.sku',
	`x.*, p.name as product_name, (select coalesce(json_agg(json_build_object('id', a.id, 'fileName', a.file_name,
		'size', a.size, 'sha256', a.sha256, 'contentType', a.content_type) order by a.file_name), '[]')
		from artifacts a where a.release_id = x.id) as artifacts`,
	(r) => ({
		id: r.id,
		sku: r.sku,
		productName: r.product_name,
		releaseVersion: r.release_version,
		platform: r.platform,
		channel: r.channel,
		notes: r.notes,
		publishedOn: r.published_on,
		artifacts: r.artifacts.map((a) => ({ ...a, size: Number(a.size) }))
	})
);
