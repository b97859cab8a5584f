/**
 * What the vendor API answers, for the server (openapi.json is built from these) and for the vendor console
 * (which parses every answer with them): one contract, two readers.
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime, Uuid } from '../entities.ts';
import { ContractRow } from '../entities/renewals.ts';
import { SeatOrderRow } from '../entities/seats.ts';

export const CreatedId = z.object({ id: Uuid });
/** What a vendor request that returns nothing else answers (a revoked delegation, say). */
export const OkBody = z.object({ ok: z.literal(true) });
/** `POST /api/admin/accounts/{id}/domains`: the domain, approved (again, if it already was). */
export const ApprovedDomain = z.object({ id: Uuid, domain: z.string(), status: z.literal('approved') });
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

export const MintedVouchers = z.object({ batchId: Uuid, codes: z.array(z.string()) });

export const VoidedVouchers = z.object({
	voided: z.array(z.string()),
	alreadyRedeemed: z.array(z.string()), // a redeemed voucher stays redeemed: revoke its license instead
	unknown: z.array(z.string())
});

export const VoucherBatchListing = z.object({
	batchId: Uuid,
	sku: z.string(),
	seats: z.number().int(),
	termMonths: z.number().int(),
	expiresOn: IsoDate,
	restrictedToAccountId: Uuid.nullable(),
	vouchers: z.array(
		z.object({
			code: z.string(),
			status: z.enum(['available', 'redeemed', 'void']),
			redeemedAt: IsoDateTime.nullable(),
			accountId: Uuid.nullable(),
			licenseId: Uuid.nullable()
		})
	)
});
export type VoucherBatchListing = z.infer<typeof VoucherBatchListing>;

export const CreatedNotification = z.object({ id: Uuid, code: z.string() });

export const ConfirmedRenewal = z.object({
	id: Uuid,
	renewalId: Uuid,
	endsOn: IsoDate,
	revision: z.number().int(),
	activationCode: z.string().nullable(), // issued with this revision; the device shows it after its next pull
	licenseIds: z.array(Uuid) // the licenses whose keys were re-signed with the new maintenance end
});

export const ConfirmedCoterm = z.object({
	cotermId: Uuid,
	contracts: z.array(z.object({ id: Uuid, endsOn: IsoDate, revision: z.number().int() }))
});

/** A short list of accounts for a form's account field (`GET /api/admin/account-choices`). */
export const AccountChoices = z.object({
	accounts: z.array(z.object({ id: Uuid, name: z.string(), kind: z.enum(['customer', 'partner', 'oem']) }))
});
export type AccountChoice = z.infer<typeof AccountChoices>['accounts'][number];

const VendorContract = ContractRow.omit({ version: true });

/** Requests waiting for the vendor (`GET /api/admin/contracts/pending`), oldest first. */
export const PendingConfirmations = z.object({
	// Seat-package orders placed and not yet paid; confirmed with POST /api/admin/orders/{id}/confirm.
	orders: z.array(z.object({ accountName: z.string(), order: SeatOrderRow.omit({ version: true }) })),
	renewals: z.array(z.object({ accountName: z.string(), contract: VendorContract })),
	coterms: z.array(
		z.object({
			cotermId: Uuid,
			accountId: Uuid,
			accountName: z.string(),
			commonEnd: IsoDate,
			requestedOn: IsoDate,
			contracts: z.array(VendorContract)
		})
	)
});
export type PendingConfirmations = z.infer<typeof PendingConfirmations>;

/** `POST /api/admin/orders/{id}/confirm`. */
export const ConfirmedOrder = z.object({
	id: Uuid,
	status: z.literal('confirmed'),
	alreadyConfirmed: z.boolean(), // true: confirmed before; nothing was added this time
	seats: z.array(z.object({ productId: Uuid, sku: z.string(), seats: z.number().int() })) // what the order adds to the pools
});
