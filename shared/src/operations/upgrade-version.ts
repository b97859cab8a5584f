/**
 * "Version upgrade": move some (or all) seats of a license to the new version an upgrade notification offers.
 * The old license keeps the remaining seats under a re-signed key; the upgraded seats become a new license
 * (`newLicenseId`, made on the device so the pending placeholder and the server row are one row).
 */
import { z } from 'zod';
import { codeArg } from './code-arg.ts';
import { Registration, Uuid } from '../entities.ts';

export const UpgradeVersionArgs = z.object({
	accountId: Uuid,
	notificationCode: codeArg('notification'),
	licenseId: Uuid, // the license being upgraded
	newLicenseId: Uuid,
	quantity: z.number().int().min(1).max(1_000_000),
	// The support registration, reviewed and possibly edited: saved on the old license and on the new one.
	registration: Registration
}).refine((a) => a.licenseId !== a.newLicenseId, { path: ['newLicenseId'], message: 'must differ from licenseId' });
export type UpgradeVersionArgs = z.input<typeof UpgradeVersionArgs>;

export const UpgradeVersionResult = z.object({ licenseId: Uuid, newLicenseId: Uuid, remainingSeats: z.number().int().nonnegative() });
export type UpgradeVersionResult = z.infer<typeof UpgradeVersionResult>;
