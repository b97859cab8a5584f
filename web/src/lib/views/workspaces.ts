/**
 * "All workspaces": every account in the user's scope, from Dexie (so it works offline): their own memberships with
 * their role, and the customers that delegated to a partner account of theirs ("your customers"), each with what
 * expires when (licenses by maintenance end, contracts by end date). Also the list the workspace switcher offers.
 */
import { liveQuery, type Observable } from 'dexie';
import { CATALOG_ACCOUNT_ID, daysBetween, expiryBucket, type AccountRow, type AccountSummary, type ContractRow, type DelegationRow, type DelegationScope, type LicenseRow, type MembershipRow, type Role } from '@keyfield/shared';
import { getDb, type KeyfieldDb } from '../db/db.ts';

export interface ExpirySummary {
	licenses: number;
	contracts: number;
	expired: number;
	within30: number;
	within90: number;
}

export interface Workspace {
	id: string;
	name: string;
	kind: AccountRow['kind'];
	role: Role | null; // null: reached through a partner's delegation
	delegation: { partnerName: string; scope: DelegationScope } | null;
	summary: ExpirySummary;
}

type Rows = {
	accounts: readonly AccountRow[];
	memberships: readonly MembershipRow[];
	delegations: readonly DelegationRow[];
	licenses: readonly Pick<LicenseRow, 'accountId' | 'maintenanceEnd' | 'status'>[];
	contracts: readonly Pick<ContractRow, 'accountId' | 'endsOn'>[];
};

function summarise(accountId: string, rows: Rows, today: string): ExpirySummary {
	const summary: ExpirySummary = { licenses: 0, contracts: 0, expired: 0, within30: 0, within90: 0 };
	const count = (end: string) => {
		const bucket = expiryBucket(daysBetween(today, end));
		if (bucket !== 'later') summary[bucket]++;
	};
	for (const l of rows.licenses) if (l.accountId === accountId && l.status === 'active') (summary.licenses++, count(l.maintenanceEnd));
	for (const c of rows.contracts) if (c.accountId === accountId) (summary.contracts++, count(c.endsOn));
	return summary;
}

/** Own accounts first (by name), then delegated customers (by name). */
export function workspacesOf(rows: Rows, userId: string, today: string): Workspace[] {
	const roles = new Map(rows.memberships.filter((m) => m.userId === userId).map((m) => [m.accountId, m.role]));
	const workspaces = rows.accounts
		.filter((a) => a.id !== CATALOG_ACCOUNT_ID && a.kind !== 'catalog')
		.map((a): Workspace => {
			const role = roles.get(a.id) ?? null;
			// The delegation that brings this account to the user: to a partner account they belong to.
			const via = role === null ? rows.delegations.find((d) => d.accountId === a.id && roles.has(d.partnerAccountId)) : undefined;
			return { id: a.id, name: a.name, kind: a.kind, role, delegation: via ? { partnerName: via.partnerName, scope: via.scope } : null, summary: summarise(a.id, rows, today) };
		});
	const byName = (a: Workspace, b: Workspace) => a.name.localeCompare(b.name);
	return [...workspaces.filter((w) => w.role !== null).sort(byName), ...workspaces.filter((w) => w.role === null).sort(byName)];
}

export function workspacesView(userId: string, today: string, db: KeyfieldDb = getDb()): Observable<Workspace[]> {
	return liveQuery(async () => {
		const [accounts, memberships, delegations, licenses, contracts] = await Promise.all([
			db.accounts.toArray(),
			db.memberships.where('userId').equals(userId).toArray(),
			db.delegations.toArray(),
			db.licenses.toArray(),
			db.contracts.toArray()
		]);
		return workspacesOf({ accounts, memberships, delegations, licenses, contracts }, userId, today);
	});
}

/** The switcher's list as the last pull left it: the session's accounts follow it (delegated, revoked, …). */
export function scopeAccountsView(userId: string, db: KeyfieldDb = getDb()): Observable<AccountSummary[]> {
	return liveQuery(async () => {
		const [accounts, memberships] = await Promise.all([db.accounts.toArray(), db.memberships.where('userId').equals(userId).toArray()]);
		const roles = new Map(memberships.map((m) => [m.accountId, m.role]));
		return accounts
			.filter((a) => a.id !== CATALOG_ACCOUNT_ID && a.kind !== 'catalog')
			.map((a) => ({ id: a.id, name: a.name, kind: a.kind, role: roles.get(a.id) ?? null }))
			.sort((a, b) => Number(a.role === null) - Number(b.role === null) || a.name.localeCompare(b.name));
	});
}
