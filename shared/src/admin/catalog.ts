/**
 * The vendor console's Catalog reads and what its writes answer (GET /api/admin/products, /api/admin/packages,
 * /api/admin/releases): the schemas the server documents and validates with and the console parses with.
 * Products and releases are keyset pages: `next` is an opaque cursor for `after`, null on the last page.
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime, Uuid } from '../entities.ts';
import { ReleaseChannel, Sha256Hex } from '../entities/releases.ts';
import { PageQuery, TypedText } from '../console/accounts.ts';

export const CatalogProduct = z.object({
	id: Uuid,
	sku: z.string(),
	name: z.string(),
	version: z.string(), // the current version, which new licenses get
	renewalCutoffVersion: z.string().nullable(), // versions before it cannot renew online; null: every version can
	packages: z.number().int(), // seat packages of it, sold or not
	releases: z.number().int(),
	createdAt: IsoDateTime
});
export type CatalogProduct = z.infer<typeof CatalogProduct>;

export const ProductsPage = z.object({ products: z.array(CatalogProduct), next: z.string().nullable() });
export type ProductsPage = z.infer<typeof ProductsPage>;

export const ReleasesQuery = PageQuery.extend({ sku: TypedText(50).optional() }); // only this product's releases
export type ReleasesQuery = { after?: string | undefined; limit?: number; sku?: string | undefined };

export const ReleaseArtifact = z.object({ id: Uuid, fileName: z.string(), size: z.number().int().nonnegative(), sha256: Sha256Hex, contentType: z.string() });

export const CatalogRelease = z.object({
	id: Uuid,
	sku: z.string(),
	version: z.string(),
	platform: z.string(),
	channel: ReleaseChannel,
	notes: z.string(),
	publishedOn: IsoDate,
	createdAt: IsoDateTime,
	artifacts: z.array(ReleaseArtifact) // by file name
});
export type CatalogRelease = z.infer<typeof CatalogRelease>;

/** Newest first. */
export const ReleasesPage = z.object({ releases: z.array(CatalogRelease), next: z.string().nullable() });
export type ReleasesPage = z.infer<typeof ReleasesPage>;

export const CreatedArtifact = z.object({ id: Uuid, sha256: Sha256Hex, size: z.number().int().nonnegative() });

export const SeatPackage = z.object({
	id: Uuid,
	productId: Uuid,
	sku: z.string(),
	productName: z.string(),
	name: z.string(),
	seats: z.number().int(),
	priceMinor: z.number().int(),
	currency: z.string(),
	active: z.boolean()
});
export type SeatPackage = z.infer<typeof SeatPackage>;

export const PackageListing = z.object({ packages: z.array(SeatPackage) });


/** What setting a renewal cutoff answers (POST /api/admin/contracts/renewal-cutoff). */
export const RenewalCutoffSet = z.object({ ok: z.literal(true) });
