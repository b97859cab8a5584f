/** Downloads API: response schemas (openapi.json). */
import { Sha256Hex } from '@keyfield/shared';
import { z } from 'zod';

export const SignedDownloadLink = z.object({
	url: z.string(), // a path on this server: /api/downloads/file?…
	expiresAt: z.string(),
	sha256: Sha256Hex,
	size: z.number().int().nonnegative()
});
