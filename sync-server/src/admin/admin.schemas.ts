/** Vendor API request and response schemas; the routes validate with them and openapi.json is generated from them. */
import { DelegationScope, DomainName, IsoDate, Role, Uuid } from '@keyfield/shared';
import { z } from 'zod';

/** Postgres text cannot hold NUL: refused here as a 400 rather than failing in the database. */
const noNul = (s: string) => !s.includes('\u0000');

export const CreateAccountRequest = z.object({
	name: z.string().trim().min(1).max(200),
	kind: z.enum(['customer', 'partner', 'oem'])
});

export const CreateUserRequest = z.object({
	email: z.email().max(254).transform((e) => e.toLowerCase()),
	password: z.string().min(8).max(1024),
	name: z.string().trim().min(1).max(200).optional(),
	accountId: Uuid,
	role: Role
});

export const CreateProductRequest = z.object({
	sku: z.string().trim().min(1).max(50).regex(/^[A-Z0-9][A-Z0-9._-]*$/, 'upper-case letters, digits, . _ -'),
	name: z.string().trim().min(1).max(200).refine(noNul, 'no NUL characters'),
	version: z.string().trim().min(1).max(50).refine(noNul, 'no NUL characters')
});

export const CreateCertificateRequest = z.object({
	accountId: Uuid.nullable(), // null = a boxed certificate, claimed by the first account that registers a serial
	sku: z.string().min(1).max(50),
	quantity: z.number().int().min(1).max(1_000_000),
	maintenanceEnd: IsoDate,
	serialCount: z.number().int().min(1).max(1000),
	reference: z.string().trim().min(1).max(100).refine(noNul, 'no NUL characters').optional() // the vendor's order reference; unique, so a repeated order is refused
});

export const BulkCertificatesQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });

export const AccountChoicesQuery = z.object({
	q: z.string().max(200).refine(noNul, 'no NUL characters').optional(), // part of the name, or the account id
	kind: z.enum(['customer', 'partner', 'oem']).optional()
});

export const CreateDelegationRequest = z.object({ customerAccountId: Uuid, partnerAccountId: Uuid, scope: DelegationScope.default('manage') });

export const ListCertificatesQuery = z.union([
	z.object({ accountId: Uuid }),
	z.object({ boxed: z.literal('1') })
]);

// The answers are shared with the vendor console, which parses them with the same schemas.
export { AccountChoices, ApprovedDomain, CertificateListing, CreatedCertificate, CreatedId } from '@keyfield/shared';

/** The vendor approves an email domain for an account (no DNS proof needed): its admins may then invite into it. */
export const ApproveDomainRequest = z.object({ domain: DomainName });
