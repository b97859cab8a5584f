/**
 * Releases of catalog products (FileConnect downloads). A release lives in the catalog pseudo-account, so it syncs
 * to every device like products do; its artifacts travel inside the row (an upload re-stamps the release), so a
 * device offline still knows each file's size and SHA-256. Who may download is decided by `entitlement()`, not by
 * who receives the row. Plain zod (not entities.ts primitives): entities.ts lists this row, an import back would cycle.
 */
import { z } from 'zod';

export const ReleaseChannel = z.enum(['stable', 'beta']);
export type ReleaseChannel = z.infer<typeof ReleaseChannel>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lower-case hex digits');

export const ArtifactInfo = z.object({
	id: z.uuid(),
	fileName: z.string(),
	size: z.number().int().nonnegative(),
	sha256: Sha256Hex,
	contentType: z.string()
});
export type ArtifactInfo = z.infer<typeof ArtifactInfo>;

export const ReleaseRow = z.object({
	id: z.uuid(),
	accountId: z.uuid(),
	version: z.number().int().nonnegative(),
	sku: z.string(), // the catalog product this is a release of
	productName: z.string(),
	releaseVersion: z.string(), // e.g. "5.2.1"
	platform: z.string(), // e.g. "windows-x64", "linux-arm64", "any"
	channel: ReleaseChannel,
	notes: z.string(),
	publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	artifacts: z.array(ArtifactInfo)
});
export type ReleaseRow = z.infer<typeof ReleaseRow>;

/** `POST /api/downloads/{artifactId}/url`: a link valid for minutes, bound to the user and the artifact. */
export const SignedDownloadLink = z.object({
	url: z.string(), // a path on this server: /api/downloads/file?…
	expiresAt: z.string(),
	sha256: Sha256Hex,
	size: z.number().int().nonnegative()
});
export type SignedDownloadLink = z.infer<typeof SignedDownloadLink>;
