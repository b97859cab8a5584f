/**
 * The renewal rules (one engine for the device, which explains them, and the server, which enforces them at
 * apply time):
 * - online self-service renewal only when the end is at most 30 days away (or has passed), the contract was bought
 *   in the online store, and its product version is not before the product's renewal cutoff; otherwise every reason
 *   that applies, and the partner to contact;
 * - the new end: a renewal recorded on or before the end extends from the old end (the remaining days are kept);
 *   one recorded after the end starts on the day it was recorded.
 *
 * Grace rule: the "renewal date" is the day the server recorded the request (apply time, UTC), not the day the
 * vendor confirmed the payment. Someone who asked in time keeps an unbroken term even when the confirmation comes
 * after the end; a request queued offline counts from when it reaches the server, never from the device's clock.
 */
import type { PartnerContact, PurchaseChannel } from '../entities/renewals.ts';
import { addDays, addMonths, daysBetween } from './calendar-days.ts';

export const ONLINE_RENEWAL_WINDOW_DAYS = 30;

export type RenewableContract = {
	endsOn: string;
	channel: PurchaseChannel;
	partner: PartnerContact | null;
	productVersion: string; // at purchase
	renewalCutoffVersion: string | null; // the product's: contracts bought at an earlier version cannot renew online
};

export type IneligibleReason =
	| { kind: 'too_early'; opensOn: string } // the first day it can be renewed online
	| { kind: 'partner_channel'; partner: PartnerContact | null }
	| { kind: 'version_before_cutoff'; productVersion: string; cutoffVersion: string };

export type RenewalEligibility =
	| { eligible: true; daysLeft: number }
	| { eligible: false; daysLeft: number; reasons: IneligibleReason[]; contact: PartnerContact | null };

/** Compares dotted versions numerically, segment by segment ('8.10' > '8.9'; '8' = '8.0'). */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map((s) => Number.parseInt(s, 10) || 0);
	const pb = b.split('.').map((s) => Number.parseInt(s, 10) || 0);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return Math.sign(d);
	}
	return 0;
}

export function renewalEligibility(contract: RenewableContract, today: string): RenewalEligibility {
	const daysLeft = daysBetween(today, contract.endsOn);
	const reasons: IneligibleReason[] = [];
	if (daysLeft > ONLINE_RENEWAL_WINDOW_DAYS) reasons.push({ kind: 'too_early', opensOn: addDays(contract.endsOn, -ONLINE_RENEWAL_WINDOW_DAYS) });
	if (contract.channel === 'partner') reasons.push({ kind: 'partner_channel', partner: contract.partner });
	const cutoff = contract.renewalCutoffVersion;
	if (cutoff !== null && compareVersions(contract.productVersion, cutoff) < 0) {
		reasons.push({ kind: 'version_before_cutoff', productVersion: contract.productVersion, cutoffVersion: cutoff });
	}
	return reasons.length === 0 ? { eligible: true, daysLeft } : { eligible: false, daysLeft, reasons, contact: contract.partner };
}

export const RENEWAL_TERM_MONTHS = 12;

/** The new term of a renewal of `months` recorded on `renewedOn` (see the grace rule above). */
export function renewedTerm(endsOn: string, renewedOn: string, months: number = RENEWAL_TERM_MONTHS): { startsOn: string; endsOn: string } {
	if (renewedOn <= endsOn) return { startsOn: addDays(endsOn, 1), endsOn: addMonths(endsOn, months) };
	return { startsOn: renewedOn, endsOn: addDays(addMonths(renewedOn, months), -1) };
}

export type ExpiryBucket = 'expired' | 'within30' | 'within90' | 'later';
export const EXPIRY_BUCKETS: readonly ExpiryBucket[] = ['expired', 'within30', 'within90', 'later'];

/** The dashboard's bucket for a contract with `daysLeft` to its end (0 = ends today, still covered). */
export function expiryBucket(daysLeft: number): ExpiryBucket {
	if (daysLeft < 0) return 'expired';
	if (daysLeft <= 30) return 'within30';
	if (daysLeft <= 90) return 'within90';
	return 'later';
}
