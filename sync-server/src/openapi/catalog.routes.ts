/** The vendor console's Catalog reads documented: products with their renewal cutoff, releases with their artifacts. */
import { ErrorCode, ProductsPage, ReleasesPage } from '@keyfield/shared';
import { z } from 'zod';
import type { RouteDoc } from './routes.ts';

const vendor = [ErrorCode.unauthorized, ErrorCode.forbidden];
const page = {
	after: { schema: z.string().max(200), description: 'the `next` cursor of the previous page (opaque)' },
	limit: { schema: z.number().int().min(1).max(200), description: 'rows per page (50)' }
};

export const catalogRoutes: RouteDoc[] = [
	{ method: 'get', path: '/api/admin/products', summary: 'Catalog products by SKU, a keyset page at a time, each with its current version, renewal cutoff and how many packages and releases it has', tag: 'vendor', auth: 'vendor', query: page, response: { status: 200, schema: ProductsPage }, errors: [ErrorCode.validationFailed, ...vendor] },
	{
		method: 'get', path: '/api/admin/releases', summary: 'Releases newest first, a keyset page at a time, each with its artifacts', tag: 'vendor', auth: 'vendor',
		query: { ...page, sku: { schema: z.string().max(50), description: "only this product's releases" } },
		response: { status: 200, schema: ReleasesPage }, errors: [ErrorCode.validationFailed, ...vendor]
	}
];
