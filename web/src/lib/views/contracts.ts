/**
 * Live views of maintenance contracts across every account on the device (the user's whole scope): days left
 * counted from today where the user is, the dashboard bucket, and a renewal or co-term queued on this device but not
 * yet recorded by the server (the server row's `pendingRenewal` / `pendingCoterm` takes over once it is).
 */
import { liveQuery, type Observable } from 'dexie';
import { EXPIRY_BUCKETS, daysBetween, expiryBucket, todayIn, type ContractRow, type ExpiryBucket } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';

export interface ContractView {
	contract: ContractRow;
	accountName: string;
	daysLeft: number;
	bucket: ExpiryBucket;
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
export function contractViews(rows: readonly ContractRow[], entries: readonly OutboxEntry[], accountNames: ReadonlyMap<string, string>, today: string): ContractView[] {
	return rows
		.map((contract) => {
			const daysLeft = daysBetween(today, contract.endsOn);
			return { contract, accountName: accountNames.get(contract.accountId) ?? '', daysLeft, bucket: expiryBucket(daysLeft), queued: queuedRequest(contract, entries) };
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
	return contractViews(rows, await signedInEntries(db), new Map(accounts.map((a) => [a.id, a.name])), today);
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
