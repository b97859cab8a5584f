/**
 * A license seat bound to a host. Deactivating keeps the row (with when and by whom) instead of deleting it, so the
 * license page can show a host's history and a move names the activation that replaced it.
 */
import { z } from 'zod';

// Not imported from ../entities.ts: that file lists this row in SyncedTables, and the cycle would read them uninitialised.
const Uuid = z.uuid();
const IsoDateTime = z.iso.datetime({ offset: true });

export const HostActivationRow = z.object({
	id: Uuid, // generated on the device, so the pending row and the server row are one row
	accountId: Uuid,
	version: z.number().int().nonnegative(),
	licenseId: Uuid,
	hostId: z.string(),
	key: z.string(), // the license's key payload with `host`, signed for this host only
	activatedAt: IsoDateTime,
	activatedBy: Uuid.nullable(), // null when the activation was made by the vendor or the demo seed
	activatedByEmail: z.string().nullable(),
	deactivatedAt: IsoDateTime.nullable(), // null while the host holds a seat
	deactivatedByEmail: z.string().nullable(),
	movedTo: Uuid.nullable() // the activation on the new hardware, when this one ended in a move
});
export type HostActivationRow = z.infer<typeof HostActivationRow>;
