/**
 * Maintenance contracts (support, version upgrades, content updates) per certificate or license. A renewal
 * confirmed by the vendor moves `endsOn`, raises `revision` (the certificate revision that shows the new end) and
 * re-signs the covered licenses' keys; until then the request waits in `pendingRenewal` (a co-term in `pendingCoterm`).
 */
import { z } from 'zod';

// Not imported from ../entities.ts: that file lists this row in SyncedTables, and the cycle would read them uninitialised.
const Uuid = z.uuid();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const IsoDateTime = z.iso.datetime({ offset: true });

export const PurchaseChannel = z.enum(['online', 'partner']);
export type PurchaseChannel = z.infer<typeof PurchaseChannel>;

export const PartnerContact = z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() });
export type PartnerContact = z.infer<typeof PartnerContact>;

export const PendingRenewal = z.object({
	id: Uuid, // the renewal request's id, generated on the device; the vendor confirms by it
	requestedOn: IsoDate, // the server's date when the request was recorded: the renewal date of the grace rule
	requestedBy: z.string()
});
export type PendingRenewal = z.infer<typeof PendingRenewal>;

export const PendingCoterm = z.object({
	id: Uuid, // the co-term request's id, shared by every contract it names
	commonEnd: IsoDate,
	requestedOn: IsoDate,
	requestedBy: z.string()
});
export type PendingCoterm = z.infer<typeof PendingCoterm>;

export const ContractRow = z.object({
	id: Uuid,
	accountId: Uuid,
	version: z.number().int().nonnegative(),
	certificateId: Uuid.nullable(), // covers every license registered from this certificate's serials...
	licenseId: Uuid.nullable(), // ...or this one license
	sku: z.string(),
	productName: z.string(),
	productVersion: z.string(), // at purchase
	renewalCutoffVersion: z.string().nullable(), // the product's, read with the contract
	seats: z.number().int().positive(),
	startsOn: IsoDate,
	endsOn: IsoDate, // inclusive: the last day covered
	channel: PurchaseChannel,
	partner: PartnerContact.nullable(), // who sold it, for a partner sale: whom to contact to renew
	purchasedOn: IsoDate,
	proofRefs: z.array(z.string()), // order or invoice numbers that prove the purchase
	revision: z.number().int().positive(),
	pendingRenewal: PendingRenewal.nullable(),
	pendingCoterm: PendingCoterm.nullable(),
	// Added with migration 0011 (optional: a row pulled before it has neither; read as null).
	reminderLeads: z.array(z.number().int()).nullable().optional(), // the account's own lead times for it; null: 60/30/7
	activationCode: z.string().nullable().optional() // issued with the current revision by the vendor's confirmation
});
export type ContractRow = z.infer<typeof ContractRow>;
