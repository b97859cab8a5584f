/** Renewals: ask for an online self-service renewal, or to co-term contracts on one end date (the vendor confirms either). */
import { z } from 'zod';
import { IsoDate, Uuid } from '../entities.ts';

// `accountId` too, so the server authorises and the device lists the request without reading the contract first.
export const RenewContractArgs = z.object({ renewalId: Uuid, contractId: Uuid, accountId: Uuid });
export type RenewContractArgs = z.input<typeof RenewContractArgs>;

/** Several contracts of one account brought to one end: the latest end of them, or a later `commonEnd` the user picks. */
export const CotermContractsArgs = z.object({
	cotermId: Uuid,
	accountId: Uuid,
	contractIds: z
		.array(Uuid)
		.min(2)
		.max(50)
		.refine((ids) => new Set(ids).size === ids.length, 'each contract once'),
	commonEnd: IsoDate.optional()
});
export type CotermContractsArgs = z.input<typeof CotermContractsArgs>;

/** A contract's reminder lead times for everyone in its account (whole days, 1–365, at most five); null: the defaults. */
export const SetRemindersArgs = z.object({
	contractId: Uuid,
	accountId: Uuid,
	leads: z
		.array(z.number().int().min(1).max(365))
		.min(1)
		.max(5)
		.refine((days) => new Set(days).size === days.length, 'each lead time once')
		.nullable()
});
export type SetRemindersArgs = z.input<typeof SetRemindersArgs>;
