/** Vendor API request and response schemas; the routes validate with them and openapi.json is generated from them. */
import { DelegationScope, DomainName, IsoDate, Role, Uuid } from '@keyfield/shared';
import { z } from 'zod';

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
	name: z.string().trim().min(1).max(200),
	version: z.string().trim().min(1).max(50)
});

export const CreateCertificateRequest = z.object({
	accountId: Uuid.nullable(), // null = a boxed certificate, claimed by the first account that registers a serial
	sku: z.string().min(1).max(50),
	quantity: z.number().int().min(1).max(1_000_000),
	maintenanceEnd: IsoDate,
	serialCount: z.number().int().min(1).max(1000)
});

export const CreateDelegationRequest = z.object({ customerAccountId: Uuid, partnerAccountId: Uuid, scope: DelegationScope.default('manage') });

export const ListCertificatesQuery = z.union([
	z.object({ accountId: Uuid }),
	z.object({ boxed: z.literal('1') })
]);

export const CreatedId = z.object({ id: Uuid });
export const CreatedCertificate = z.object({ id: Uuid, serials: z.array(z.string()) });

export const CertificateListing = z.object({
	certificates: z.array(
		z.object({
			id: Uuid,
			accountId: Uuid.nullable(),
			sku: z.string(),
			quantity: z.number().int(),
			maintenanceEnd: IsoDate,
			serials: z.array(z.object({ serial: z.string(), licenseId: Uuid.nullable() }))
		})
	)
});

/** The vendor approves an email domain for an account (no DNS proof needed): its admins may then invite into it. */
export const ApproveDomainRequest = z.object({ domain: DomainName });
export const ApprovedDomain = z.object({ id: Uuid, domain: z.string(), status: z.literal('approved') });
