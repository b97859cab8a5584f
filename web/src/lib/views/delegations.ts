/**
 * Partner delegations of one account as the device shows them: the synced rows with pending grants and revokes
 * folded in, and the account's 2-step policy with a pending change. Pure folds, so they run in tests.
 */
import { liveQuery, type Observable } from 'dexie';
import { Operations, type DelegationRow, type DelegationScope } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';

export interface DelegationState {
	id: string;
	partner: string; // the partner's name, or the code typed while the grant is pending
	scope: DelegationScope;
	grantedBy: string | null;
	grantedAt: string | null;
	pending: 'grant' | 'revoke' | null;
}

export function foldDelegations(rows: readonly DelegationRow[], entries: readonly OutboxEntry[], accountId: string): DelegationState[] {
	const byId = new Map<string, DelegationState>(
		rows.filter((r) => r.accountId === accountId).map((r) => [r.id, { id: r.id, partner: r.partnerName, scope: r.scope, grantedBy: r.grantedBy, grantedAt: r.grantedAt, pending: null }])
	);
	for (const entry of entries) {
		if (entry.name === 'delegation.grant') {
			const args = Operations['delegation.grant'].safeParse(entry.args);
			if (!args.success || args.data.accountId !== accountId || byId.has(args.data.delegationId)) continue;
			// A grant to a partner already listed changes its scope: shown on that row, not as a second one.
			byId.set(args.data.delegationId, { id: args.data.delegationId, partner: args.data.partnerCode, scope: args.data.scope, grantedBy: null, grantedAt: null, pending: 'grant' });
		} else if (entry.name === 'delegation.revoke') {
			const args = Operations['delegation.revoke'].safeParse(entry.args);
			const row = args.success ? byId.get(args.data.delegationId) : undefined;
			if (row) row.pending = 'revoke';
		}
	}
	return [...byId.values()].sort((a, b) => a.partner.localeCompare(b.partner));
}

export function delegationsView(accountId: string, db: KeyfieldDb = getDb()): Observable<DelegationState[]> {
	return liveQuery(async () => foldDelegations(await db.delegations.where('accountId').equals(accountId).toArray(), await signedInEntries(db), accountId));
}

export interface PolicyState {
	requireTwoStep: boolean;
	/** The value a queued `account.setPolicy` will set, while it waits. */
	pending: boolean | null;
}

export function policyView(accountId: string, db: KeyfieldDb = getDb()): Observable<PolicyState> {
	return liveQuery(async () => {
		const account = await db.accounts.get(accountId);
		let pending: boolean | null = null;
		for (const entry of await signedInEntries(db)) {
			if (entry.name !== 'account.setPolicy') continue;
			const args = Operations['account.setPolicy'].safeParse(entry.args);
			if (args.success && args.data.accountId === accountId) pending = args.data.requireTwoStep;
		}
		return { requireTwoStep: account?.requireTwoStep ?? false, pending };
	});
}

/** The partner through which the user only views this account (every delegation reaching it is view-only), or null:
 * shown before they queue something the server would refuse. */
export function viewOnlyVia(accountId: string, userId: string, db: KeyfieldDb = getDb()): Observable<{ partner: string; customer: string } | null> {
	return liveQuery(async () => {
		const memberships = await db.memberships.where('userId').equals(userId).toArray();
		if (memberships.some((m) => m.accountId === accountId)) return null;
		const mine = new Set(memberships.map((m) => m.accountId));
		const via = (await db.delegations.where('accountId').equals(accountId).toArray()).filter((d) => mine.has(d.partnerAccountId));
		if (via.length === 0 || via.some((d) => d.scope === 'manage')) return null;
		const customer = (await db.accounts.get(accountId))?.name ?? '';
		return { partner: via.map((d) => d.partnerName).join(', '), customer };
	});
}
