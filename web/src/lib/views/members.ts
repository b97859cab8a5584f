/**
 * The Members screen as the device shows it: the account's members, invitations and email domains as last synced,
 * with what this device has queued folded in (a pending invitation, role change, removal, revoke or domain check).
 * Pure folds, so they run in tests; the liveQuery wrappers read Dexie.
 */
import { liveQuery, type Observable } from 'dexie';
import { Operations, emailDomain, type ApprovedDomainRow, type InvitationRow, type MembershipRow, type ParsedOperationArgs, type Role } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';

export interface MemberState {
	userId: string;
	email: string;
	role: Role;
	pendingRole: Role | null;
	pendingRemoval: boolean;
}

export interface InvitationState {
	id: string;
	email: string;
	role: Role;
	expiresAt: string | null; // null while the invitation is only queued
	expired: boolean;
	pending: 'invite' | 'revoke' | null;
}

export interface DomainState {
	domain: string;
	id: string;
	status: ApprovedDomainRow['status'] | 'requested'; // requested: queued on this device, not yet on the server
	txtName: string | null;
	txtValue: string | null;
	checkedAt: string | null;
	checking: boolean; // a check is queued
}

type MembersOperation = 'user.invite' | 'invitation.revoke' | 'domain.approve' | 'member.setRole' | 'user.remove';

/** The entry's args when it is `name` in this account (parsed again: an older app's entry that no longer parses shows nothing). */
function parsed<N extends MembersOperation>(entry: OutboxEntry, name: N, accountId: string): ParsedOperationArgs<N> | null {
	if (entry.name !== name) return null;
	const args = Operations[name].safeParse(entry.args);
	return args.success && args.data.accountId === accountId ? (args.data as ParsedOperationArgs<N>) : null;
}

export function foldMembers(rows: readonly MembershipRow[], entries: readonly OutboxEntry[], accountId: string): MemberState[] {
	const members = new Map(rows.map((r) => [r.userId, { userId: r.userId, email: r.email, role: r.role, pendingRole: null, pendingRemoval: false } as MemberState]));
	for (const entry of entries) {
		const role = parsed(entry, 'member.setRole', accountId);
		const member = role && members.get(role.userId);
		if (member && role) member.pendingRole = role.role === member.role ? null : role.role;
		const removal = parsed(entry, 'user.remove', accountId);
		const removed = removal && members.get(removal.userId);
		if (removed) removed.pendingRemoval = true;
	}
	return [...members.values()].sort((a, b) => a.email.localeCompare(b.email));
}

export function foldInvitations(rows: readonly InvitationRow[], entries: readonly OutboxEntry[], accountId: string, now = Date.now()): InvitationState[] {
	const open = new Map<string, InvitationState>();
	for (const r of rows) {
		if (r.status !== 'pending') continue;
		open.set(r.id, { id: r.id, email: r.email, role: r.role, expiresAt: r.expiresAt, expired: Date.parse(r.expiresAt) <= now, pending: null });
	}
	const closed = new Set(rows.filter((r) => r.status !== 'pending').map((r) => r.id));
	for (const entry of entries) {
		const invite = parsed(entry, 'user.invite', accountId);
		if (invite && !open.has(invite.invitationId) && !closed.has(invite.invitationId)) {
			open.set(invite.invitationId, { id: invite.invitationId, email: invite.email, role: invite.role, expiresAt: null, expired: false, pending: 'invite' });
		}
		const revoke = parsed(entry, 'invitation.revoke', accountId);
		const revoked = revoke && open.get(revoke.invitationId);
		if (revoked) revoked.pending = 'revoke';
	}
	return [...open.values()].sort((a, b) => a.email.localeCompare(b.email));
}

export function foldDomains(rows: readonly ApprovedDomainRow[], entries: readonly OutboxEntry[], accountId: string): DomainState[] {
	const domains = new Map<string, DomainState>(
		rows.map((r) => [r.domain, { domain: r.domain, id: r.id, status: r.status, txtName: r.txtName, txtValue: r.txtValue, checkedAt: r.checkedAt, checking: false }])
	);
	for (const entry of entries) {
		const args = parsed(entry, 'domain.approve', accountId);
		if (!args) continue;
		const known = domains.get(args.domain);
		if (known) known.checking = known.status !== 'approved';
		else domains.set(args.domain, { domain: args.domain, id: args.domainId, status: 'requested', txtName: null, txtValue: null, checkedAt: null, checking: true });
	}
	return [...domains.values()].sort((a, b) => a.domain.localeCompare(b.domain));
}

/** The device's answer before an invitation is queued: is the email's domain approved for the account (as synced)? */
export function domainApprovedFor(domains: readonly DomainState[], email: string): boolean {
	const domain = emailDomain(email);
	return domains.some((d) => d.domain === domain && d.status === 'approved');
}

export type MembersScreen = { members: MemberState[]; invitations: InvitationState[]; domains: DomainState[] };

export function membersScreenView(accountId: string, db: KeyfieldDb = getDb()): Observable<MembersScreen> {
	return liveQuery(async () => {
		const entries = await signedInEntries(db);
		return {
			members: foldMembers(await db.memberships.where('accountId').equals(accountId).toArray(), entries, accountId),
			invitations: foldInvitations(await db.invitations.where('accountId').equals(accountId).toArray(), entries, accountId),
			domains: foldDomains(await db.approved_domains.where('accountId').equals(accountId).toArray(), entries, accountId)
		};
	});
}
