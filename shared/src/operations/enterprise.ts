/**
 * Enterprise Flexible: draw seats of a product down from an agreement into a new license, and release them back.
 * The device counts its own pending draw-downs against what remained at the last sync; the server enforces the cap.
 */
import { z } from 'zod';
import { Registration, Uuid } from '../entities.ts';

const Seats = z.number().int().min(1).max(1_000_000);

export const DrawDownArgs = z.object({
	accountId: Uuid,
	agreementId: Uuid,
	licenseId: Uuid, // generated on the device, so the pending placeholder and the server row are one row
	sku: z.string().trim().min(1).max(50),
	seats: Seats,
	registration: Registration.optional() // default: the agreement's licensee
});
export type DrawDownArgs = z.input<typeof DrawDownArgs>;

export const DrawDownResult = z.object({ licenseId: Uuid, seatsRemaining: z.number().int().nonnegative() });

export const ReleaseArgs = z.object({
	accountId: Uuid,
	agreementId: Uuid,
	licenseId: Uuid,
	seats: Seats
});
export type ReleaseArgs = z.input<typeof ReleaseArgs>;

export const ReleaseResult = z.object({ licenseId: Uuid, seatsLeft: z.number().int().nonnegative(), revoked: z.boolean() });

/** Active on both ends of the term, by calendar day (YYYY-MM-DD compares as text). */
export function agreementActiveOn(agreement: { startsOn: string; endsOn: string }, day: string): boolean {
	return agreement.startsOn <= day && day <= agreement.endsOn;
}
