/**
 * Live views of maintenance contracts across every account on the device (the user's whole scope): days left
 * counted from today where the user is, the dashboard bucket, and a renewal or co-term queued on this device but not
 * yet recorded by the server (the server row's `pendingRenewal` / `pendingCoterm` takes over once it is).
 */
import { liveQuery, type Observable } from 'dexie';
import { EXPIRY_BUCKETS, REMINDER_LEAD_DAYS, daysBetween, expiryBucket, reminderLead, todayIn, type ContractRow, type ExpiryBucket } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { enqueue } from '../ops/enqueue.ts';
import { signedInEntries } from '../ops/outbox.ts';

export interface ContractView {
	contract: ContractRow;
	accountName: string;
	daysLeft: number;
	bucket: ExpiryBucket;
	/** Reminder lead times (the account's for this contract, else the defaults) and the one reached, if any. */
	leads: readonly number[];
	/** New lead times queued on this device and not yet confirmed. */
	leadsPending: boolean;
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

/** The lead times of the latest `contract.setReminders` queued for the contract (null: back to the defaults). */
function queuedLeads(contract: ContractRow, entries: readonly OutboxEntry[]): { leads: readonly number[] | null } | undefined {
	let found: { leads: readonly number[] | null } | undefined;
	for (const entry of entries) {
		const args = entry.args as { contractId?: unknown; leads?: unknown } | null;
		if (entry.name === 'contract.setReminders' && args?.contractId === contract.id) {
			found = { leads: Array.isArray(args.leads) ? [...(args.leads as number[])].sort((a, b) => b - a) : null };
		}
	}
	return found;
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
			// Queued on this device, else the account's (synced), else what an older app kept on this device, else 60/30/7.
			const queued = queuedLeads(contract, entries);
			const leads = (queued ? queued.leads : (contract.reminderLeads ?? leadsById.get(contract.id))) ?? REMINDER_LEAD_DAYS;
			return {
				contract,
				accountName: accountNames.get(contract.accountId) ?? '',
				daysLeft,
				bucket: expiryBucket(daysLeft),
				leads,
				leadsPending: queued !== undefined,
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

export async function loadContractViews(db: KeyfieldDb, rows: ContractRow[], today: string): Promise<ContractView[]> {
	const accounts = await db.accounts.toArray();
	return contractViews(rows, await signedInEntries(db), new Map(accounts.map((a) => [a.id, a.name])), today, await reminderLeads(db));
}

// Lead times an app before `contract.setReminders` kept on this device (one meta row per contract): still read, so
// nothing set then is lost; a new setting goes through the operation.
const LEADS_PREFIX = 'reminderLeads:';

async function reminderLeads(db: KeyfieldDb): Promise<Map<string, number[]>> {
	const rows = await db.meta.where('key').startsWith(LEADS_PREFIX).toArray();
	return new Map(rows.map((r) => [r.key.slice(LEADS_PREFIX.length), r.value as number[]]));
}

/** Queues a contract's own lead times for its account (null when they are the defaults) and drops a device-only copy. */
export async function setReminderLeads(contract: Pick<ContractRow, 'id' | 'accountId'>, leads: readonly number[], db: KeyfieldDb = getDb()): Promise<void> {
	const isDefault = leads.length === REMINDER_LEAD_DAYS.length && leads.every((d, i) => d === REMINDER_LEAD_DAYS[i]);
	await db.transaction('rw', db.meta, db.outbox, async () => {
		await enqueue('contract.setReminders', { contractId: contract.id, accountId: contract.accountId, leads: isDefault ? null : [...leads] }, db);
		await db.meta.delete(LEADS_PREFIX + contract.id);
	});
}

export function expiryView(today: string, db: KeyfieldDb = getDb()): Observable<ContractView[]> {
	return liveQuery(async () => loadContractViews(db, await db.contracts.toArray(), today));
}

export function contractDetailView(id: string, today: string, db: KeyfieldDb = getDb()): Observable<ContractView | null> {
	return liveQuery(async () => {
		const row = await db.contracts.get(id);
		return row ? ((await loadContractViews(db, [row], today))[0] ?? null) : null;
	});
}
