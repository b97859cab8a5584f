/** Vendor API for Enterprise Flexible agreements: request and response schemas (openapi.json is built from them). */
import { AgreementEventRow, AgreementRow, IsoDate, Registration, Uuid } from '@keyfield/shared';
import { z } from 'zod';

export const CreateAgreementRequest = z
	.object({
		accountId: Uuid,
		name: z.string().trim().min(1).max(200),
		startsOn: IsoDate,
		endsOn: IsoDate,
		licensee: Registration,
		products: z
			.array(z.object({ sku: z.string().min(1).max(50), seatCap: z.number().int().min(1).max(1_000_000) }))
			.min(1)
			.max(200)
			.refine((ps) => new Set(ps.map((p) => p.sku)).size === ps.length, 'each sku once')
	})
	.refine((a) => a.startsOn <= a.endsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] });

export const ListAgreementsQuery = z.object({ accountId: Uuid });

export const AgreementListing = z.object({
	agreements: z.array(AgreementRow.omit({ version: true }).extend({ events: z.array(AgreementEventRow.omit({ version: true, accountId: true })) }))
});
