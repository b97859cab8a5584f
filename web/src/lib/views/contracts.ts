/**
 * Live views of maintenance contracts across every account on the device (the user's whole scope): days left
 * counted from today where the user is, the dashboard bucket, and a renewal or co-term queued on this device but not
 * yet recorded by the server (the server row's `pendingRenewal` / `pendingCoterm` takes over once it is).
 */
import { liveQuery, type Observable } from 'dexie';
import { EXPIRY_BUCKETS, REMINDER_LEAD_DAYS, daysBetween, expiryBucket, reminderLead, todayIn, type ContractRow, type ExpiryBucket } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';

export interface ContractView {
	contract: ContractRow;
	accountName: string;
	daysLeft: number;
	bucket: ExpiryBucket;
	/** Reminder lead times (the user's for this contract, else the defaults) and the one reached, if any. */
	leads: readonly number[];
	reminder: number | null;
	/** A renewal or co-term queued on this device, until the server row carries it. */
	queued: { kind: 'renew' | 'coterm'; id: string; createdAt: string } | null;
}

/** Today's date in the user's time zone: a contract's days left change at their midnight, not UTC's. */
export function userToday(now: Date = new Date()): string {
	return todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, now);
}

function queuedRequest(contract: ContractRow, entries: readonly OutboxEntry[]): ContractView['queued'] {
	for (const entry of entries) {
		const args = entry.args as { contractId?: unknown; renewalId?: unknown; contractIds?: unknown; cotermId?: unknown } | null;
		if (entry.name === 'contract.renew' && args?.contractId === contract.id && typeof args.renewalId === 'string') {
			if (contract.pendingRenewal?.id !== args.renewalId) return { kind: 'renew', id: args.renewalId, createdAt: entry.createdAt };
		}
		if (entry.name === 'contract.coterm' && Array.isArray(args?.contractIds) && args.contractIds.includes(contract.id) && typeof args.cotermId === 'string') {
			if (contract.pendingCoterm?.id !== args.cotermId) return { kind: 'coterm', id: args.cotermId, createdAt: entry.createdAt };
		}
	}
	return null;
}

/** Pure: the contracts as the dashboard lists them, soonest end first. */
export function contractViews(
	rows: readonly ContractRow[],
	entries: readonly OutboxEntry[],
	accountNames: ReadonlyMap<string, string>,
	today: string,
	leadsById: ReadonlyMap<string, readonly number[]> = new Map()
): ContractView[] {
	return rows
		.map((contract) => {
			const daysLeft = daysBetween(today, contract.endsOn);
			const leads = leadsById.get(contract.id) ?? REMINDER_LEAD_DAYS;
			return {
				contract,
				accountName: accountNames.get(contract.accountId) ?? '',
				daysLeft,
				bucket: expiryBucket(daysLeft),
				leads,
				reminder: reminderLead(daysLeft, leads),
				queued: queuedRequest(contract, entries)
			};
		})
		.sort((a, b) => a.daysLeft - b.daysLeft || a.contract.productName.localeCompare(b.contract.productName));
}

export function bucketCounts(views: readonly ContractView[]): Record<ExpiryBucket, number> {
	const counts = Object.fromEntries(EXPIRY_BUCKETS.map((b) => [b, 0])) as Record<ExpiryBucket, number>;
	for (const view of views) counts[view.bucket]++;
	return counts;
}

async function load(db: KeyfieldDb, rows: ContractRow[], today: string): Promise<ContractView[]> {
	const accounts = await db.accounts.toArray();
	return contractViews(rows, await signedInEntries(db), new Map(accounts.map((a) => [a.id, a.name])), today, await reminderLeads(db));
}

// Reminder lead times are a preference of this device (not synced): one meta row per contract that has its own.
const LEADS_PREFIX = 'reminderLeads:';

async function reminderLeads(db: KeyfieldDb): Promise<Map<string, number[]>> {
	const rows = await db.meta.where('key').startsWith(LEADS_PREFIX).toArray();
	return new Map(rows.map((r) => [r.key.slice(LEADS_PREFIX.length), r.value as number[]]));
}

/** Saves a contract's own lead times; the defaults again when they are the defaults. */
export async function setReminderLeads(contractId: string, leads: readonly number[], db: KeyfieldDb = getDb()): Promise<void> {
	const isDefault = leads.length === REMINDER_LEAD_DAYS.length && leads.every((d, i) => d === REMINDER_LEAD_DAYS[i]);
	if (isDefault) await db.meta.delete(LEADS_PREFIX + contractId);
	else await db.meta.put({ key: LEADS_PREFIX + contractId, value: [...leads] });
}

export function expiryView(today: string, db: KeyfieldDb = getDb()): Observable<ContractView[]> {
	return liveQuery(async () => load(db, await db.contracts.toArray(), today));
}

export function contractDetailView(id: string, today: string, db: KeyfieldDb = getDb()): Observable<ContractView | null> {
	return liveQuery(async () => {
		const row = await db.contracts.get(id);
		return row ? ((await load(db, [row], today))[0] ?? null) : null;
	});
}
