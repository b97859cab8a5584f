/** `/api/v1`: the read API an account token opens on its one account. */
import { IsoDate, IsoDateTime, Uuid } from '@keyfield/shared';
import { z } from 'zod';

export const LicensesQuery = z.object({
	after: Uuid.optional(), // keyset: the last id of the previous page
	limit: z.coerce.number().int().min(1).max(1000).default(100)
});

export const ApiLicense = z.object({
	id: Uuid,
	sku: z.string(),
	productName: z.string(),
	productVersion: z.string(),
	serial: z.string().nullable(),
	seats: z.number().int(),
	maintenanceEnd: IsoDate,
	status: z.enum(['active', 'revoked']),
	hostId: z.string().nullable(),
	key: z.string(),
	createdAt: IsoDateTime
});

/** `next`: pass as `after` for the following page; null on the last one. */
export const LicensePage = z.object({ accountId: Uuid, licenses: z.array(ApiLicense), next: Uuid.nullable() });
