/** Partner delegation: a customer account lets a partner account's people view it (`read`) or act in it by their
 * role in the partner account (`manage`). The row lives in the customer's account, so both sides' devices have it. */
import { z } from 'zod';

// Not imported from ../entities.ts: that file lists this row in SyncedTables, and the cycle would read them uninitialised.
const Uuid = z.uuid();
const IsoDateTime = z.iso.datetime({ offset: true });

export const DelegationScope = z.enum(['read', 'manage']);
export type DelegationScope = z.infer<typeof DelegationScope>;

export const DelegationRow = z.object({
	id: Uuid,
	accountId: Uuid, // the customer's account
	version: z.number().int().nonnegative(),
	partnerAccountId: Uuid,
	partnerName: z.string(),
	scope: DelegationScope,
	grantedBy: z.string().nullable(), // email of the admin who granted it; null when the vendor did
	grantedAt: IsoDateTime
});
export type DelegationRow = z.infer<typeof DelegationRow>;
