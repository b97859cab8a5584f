/**
 * Upgrade notifications (the portal's "Version upgrade"): the vendor lets an account move up to `quantity` seats of
 * one product (`sku`) to the product's next version (`targetSku`, at `targetVersion`) until `expiresOn`. The row
 * syncs to the account's devices, so a technician sees offline, as of the last sync, which licenses qualify and
 * how many seats remain (`quantity - used`, minus the device's own queued upgrades).
 * Plain zod here, not the primitives of entities.ts: that file lists this row in `SyncedTables`, and importing back
 * from it would be an import cycle.
 */
import { z } from 'zod';

export const UpgradeNotificationRow = z.object({
	id: z.uuid(),
	accountId: z.uuid(),
	version: z.number().int().nonnegative(),
	code: z.string(), // N-XXXXX-XXXXX-XXXXX, as the notification prints it
	sku: z.string(), // the product whose licenses may be upgraded
	targetSku: z.string(), // the catalog product at the new version; upgraded seats get a license of it
	targetName: z.string(),
	targetVersion: z.string(),
	quantity: z.number().int().positive(),
	used: z.number().int().nonnegative(),
	expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) // the last day it can be used
});
export type UpgradeNotificationRow = z.infer<typeof UpgradeNotificationRow>;
