/** Vendor API for maintenance contracts: request and response schemas (validation and openapi.json). */
import { ContractRow, IsoDate, TypedText, Uuid } from '@keyfield/shared';
import { z } from 'zod';

const Partner = z.object({
	name: z.string().trim().min(1).max(200),
	email: z.email().max(254).nullable().default(null),
	phone: z.string().trim().max(40).nullable().default(null)
});

export const CreateContractRequest = z
	.object({
		accountId: Uuid,
		// exactly one: the contract covers a certificate's licenses or one license
		certificateId: Uuid.optional(),
		licenseId: Uuid.optional(),
		seats: z.number().int().min(1).max(1_000_000).optional(), // default: the certificate's quantity or the license's seats
		startsOn: IsoDate,
		endsOn: IsoDate, // inclusive
		channel: z.enum(['online', 'partner']),
		partner: Partner.optional(), // required for a partner sale: whom the customer contacts to renew
		purchasedOn: IsoDate,
		productVersion: z.string().trim().min(1).max(50).optional(), // default: the product's current version
		proofRefs: z.array(z.string().trim().min(1).max(200)).max(20).default([])
	})
	.refine((r) => (r.certificateId === undefined) !== (r.licenseId === undefined), { message: 'give exactly one of certificateId and licenseId' })
	.refine((r) => r.startsOn <= r.endsOn, { message: 'startsOn must not be after endsOn', path: ['endsOn'] })
	.refine((r) => r.channel === 'online' || r.partner !== undefined, { message: 'a partner sale names its partner', path: ['partner'] });

export const ConfirmRenewalRequest = z.object({
	renewalId: Uuid, // the pending request's id (pendingRenewal.id); confirming it again answers the same
	months: z.number().int().min(1).max(60).default(12)
});

export const SetRenewalCutoffRequest = z.object({
	sku: TypedText(50).min(1),
	cutoffVersion: TypedText(50).min(1).nullable() // null: every version renews online
});

export const ListContractsQuery = z.object({ accountId: Uuid });

export const ContractListing = z.object({ contracts: z.array(ContractRow.omit({ version: true })) });

export { ConfirmedCoterm, ConfirmedRenewal, PendingConfirmations } from '@keyfield/shared';
