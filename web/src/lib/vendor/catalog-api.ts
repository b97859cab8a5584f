/**
 * The vendor console's Catalog calls: the same /api/admin routes an integration uses (no second path), every
 * answer parsed with the shared schema. Artifacts go up with XMLHttpRequest for the progress bar.
 */
import { CreatedArtifact, CreatedId, PackageListing, ProductsPage, ReleasesPage, RenewalCutoffSet, SeatPackage, type PageQuery, type ReleaseChannel, type ReleasesQuery } from '@keyfield/shared';
import { withQuery } from '../console/console-api.ts';
import { callApi, defaultFetch, type Fetch } from '../sync/api.ts';
import { uploadWithProgress, type UploadProgress } from '../sync/upload.ts';

export type NewRelease = { sku: string; version: string; platform: string; channel: ReleaseChannel; notes: string; publishedOn: string };
export type PackageChange = { name?: string; priceMinor?: number; currency?: string; active?: boolean };

export const catalogApi = (fetch: Fetch = defaultFetch) => ({
	products: (page: PageQuery) => callApi(fetch, withQuery('/api/admin/products', page), ProductsPage),
	createProduct: (body: { sku: string; name: string; version: string }) => callApi(fetch, '/api/admin/products', CreatedId, body),
	setCutoff: (sku: string, cutoffVersion: string | null) => callApi(fetch, '/api/admin/contracts/renewal-cutoff', RenewalCutoffSet, { sku, cutoffVersion }),
	packages: () => callApi(fetch, '/api/admin/packages', PackageListing),
	createPackage: (body: { sku: string; name: string; seats: number; priceMinor: number; currency: string }) => callApi(fetch, '/api/admin/packages', CreatedId, body),
	updatePackage: (id: string, change: PackageChange) => callApi(fetch, `/api/admin/packages/${encodeURIComponent(id)}`, SeatPackage, change),
	releases: (query: ReleasesQuery) => callApi(fetch, withQuery('/api/admin/releases', query), ReleasesPage),
	createRelease: (body: NewRelease) => callApi(fetch, '/api/admin/releases', CreatedId, body)
});

export const uploadArtifact = (releaseId: string, file: File, onProgress: (p: UploadProgress) => void) =>
	uploadWithProgress(
		`/api/admin/releases/${encodeURIComponent(releaseId)}/artifacts?fileName=${encodeURIComponent(file.name)}`,
		file,
		file.type || 'application/octet-stream',
		CreatedArtifact,
		onProgress,
		// An installer can be large: allow an hour rather than the CSV's two minutes.
		3_600_000
	);
