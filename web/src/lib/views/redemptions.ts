/**
 * Where each voucher redemption of this session stands, from what the device holds: still in the outbox (queued,
 * or applied and waiting for its row), its license row (redeemed), or a "Needs attention" item (turned down).
 */
import { liveQuery, type Observable } from 'dexie';
import { VoucherRejectionDetails, type LicenseRow } from '@keyfield/shared';
import { getDb, type AttentionItem, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';
import { signedInItems } from './attention.ts';

export type RedemptionState =
	| { state: 'queued' }
	| { state: 'applied'; license: LicenseRow | null } // null: applied, the row arrives with the next pull
	| { state: 'rejected'; code: string; details: VoucherRejectionDetails }
	| { state: 'gone' }; // turned down and discarded from "Needs attention"

const licenseIdOf = (args: unknown) => (args as { licenseId?: unknown } | null)?.licenseId;

export function redemptionStates(
	licenseIds: readonly string[],
	entries: readonly OutboxEntry[],
	attention: readonly AttentionItem[],
	licenses: readonly (LicenseRow | undefined)[]
): Map<string, RedemptionState> {
	const states = new Map<string, RedemptionState>();
	const queued = new Map(entries.filter((e) => e.name === 'voucher.redeem').map((e) => [licenseIdOf(e.args), e]));
	const rejected = new Map(attention.filter((a) => a.name === 'voucher.redeem').map((a) => [licenseIdOf(a.args), a]));
	licenseIds.forEach((id, i) => {
		const license = licenses[i];
		const entry = queued.get(id);
		const item = rejected.get(id);
		if (license) states.set(id, { state: 'applied', license });
		else if (entry) states.set(id, entry.appliedAt ? { state: 'applied', license: null } : { state: 'queued' });
		else if (item) states.set(id, { state: 'rejected', code: item.code, details: VoucherRejectionDetails.catch({}).parse(item.details ?? {}) });
		else states.set(id, { state: 'gone' });
	});
	return states;
}

export function redemptionsView(licenseIds: readonly string[], db: KeyfieldDb = getDb()): Observable<Map<string, RedemptionState>> {
	return liveQuery(async () => {
		const [entries, attention, licenses] = await Promise.all([signedInEntries(db), signedInItems(db), db.licenses.bulkGet([...licenseIds])]);
		return redemptionStates(licenseIds, entries, attention, licenses);
	});
}
