/**
 * Which reminders this device has shown as system notifications. A reminder is one contract, one end date and the
 * lead time it has reached (or "ended"): a renewed contract (a new end) reminds afresh, the same one never twice.
 * Claiming happens in one IndexedDB transaction per key, so two tabs checking at once show it once.
 */
import type { KeyfieldDb } from '../db/db.ts';
import type { ContractView } from '../views/contracts.ts';

export function reminderKey(view: Pick<ContractView, 'contract' | 'daysLeft' | 'reminder'>): string {
	return `${view.contract.id}:${view.contract.endsOn}:${view.daysLeft < 0 ? 'ended' : view.reminder}`;
}

/** The keys not shown before, now marked as shown. */
export async function claimUnshown(db: KeyfieldDb, keys: readonly string[], now: Date = new Date()): Promise<Set<string>> {
	const claimed = new Set<string>();
	for (const key of keys) {
		const fresh = await db.transaction('rw', db.notified, async () => {
			if (await db.notified.get(key)) return false;
			await db.notified.put({ key, shownAt: now.toISOString() });
			return true;
		});
		if (fresh) claimed.add(key);
	}
	return claimed;
}
