/** Vendor API for releases and their artifacts: request and response schemas (validation and openapi.json). */
import { IsoDate, ReleaseChannel, Sha256Hex, TypedText, Uuid } from '@keyfield/shared';
import { z } from 'zod';

export const CreateReleaseRequest = z.object({
	// Postgres text cannot hold NUL: TypedText refuses it as a 400 rather than failing in the database.
	sku: TypedText(50).min(1), // a catalog product
	version: TypedText(40).min(1),
	platform: z.string().trim().min(1).max(40).regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits and . _ - (e.g. windows-x64)'),
	channel: ReleaseChannel,
	notes: z.string().max(5000).regex(/^[^\u0000]*$/, 'no NUL characters').default(''),
	publishedOn: IsoDate
});

// Names a person's browser will save: no path separators or control characters.
export const FileName = z
	.string()
	.min(1)
	.max(200)
	.regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'a file name without slashes or control characters')
	.refine((name) => name !== '.' && name !== '..', 'a file name');

export const UploadArtifactQuery = z.object({
	fileName: FileName,
	// When given, the upload is refused unless the bytes received have this digest (a transfer check).
	sha256: Sha256Hex.optional()
});

export const ContentType = z.string().max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as application/octet-stream');

export const CreateReleaseResponse = z.object({ id: Uuid });

// The answers are shared with the vendor console, which parses them with the same schemas.
export { CreatedArtifact, ReleasesPage, ReleasesQuery } from '@keyfield/shared';
