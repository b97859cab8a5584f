// The Members screen's data over Dexie alone: queued invitations, revokes, role changes, removals and domain
// requests folded over the synced rows, and the offline domain check made before an invitation is queued.
import type { ApprovedDomainRow, InvitationRow, MembershipRow } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { KeyfieldDb } from '../db/db.ts';
import { setMeta } from '../db/meta.ts';
import { enqueue } from '../ops/enqueue.ts';
import { domainApprovedFor, membersScreenView, type MembersScreen } from './members.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const OTHER = '33333333-3333-4333-8333-333333333333';
const ADMIN = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'admin@acme.test', name: 'Ada Admin', vendor: false };
const TECH_ID = 'aaaaaaaa-0000-4000-8000-000000000002';

const membership = (userId: string, email: string, role: MembershipRow['role']): MembershipRow => ({ id: crypto.randomUUID(), accountId: ACME, version: 1, userId, email, role });
const domain = (name: string, status: ApprovedDomainRow['status']): ApprovedDomainRow => ({
	id: crypto.randomUUID(), accountId: ACME, version: 1, domain: name, status, txtName: `_keyfield-challenge.${name}`,
	txtValue: 'keyfield-verification=abc', method: status === 'approved' ? 'vendor' : null, checkedAt: null, approvedAt: null
});
const invitation = (email: string, overrides: Partial<InvitationRow> = {}): InvitationRow => ({
	id: crypto.randomUUID(), accountId: ACME, version: 2, email, role: 'technician', status: 'pending', invitedByEmail: ADMIN.email,
	createdAt: '2026-11-20T10:00:00.000Z', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), ...overrides
});

function current(db: KeyfieldDb): Promise<MembersScreen> {
	return new Promise((resolve) => {
		const sub = membersScreenView(ACME, db).subscribe((v) => {
			resolve(v);
			queueMicrotask(() => sub.unsubscribe());
		});
	});
}

async function seeded(): Promise<KeyfieldDb> {
	const db = new KeyfieldDb(`keyfield-test-${crypto.randomUUID()}`);
	await setMeta(db, 'user', ADMIN);
	await db.memberships.bulkPut([membership(ADMIN.id, ADMIN.email, 'admin'), membership(TECH_ID, 'tech@acme.test', 'technician')]);
	await db.approved_domains.bulkPut([domain('acme.test', 'approved'), domain('acme.example', 'pending')]);
	return db;
}

describe('membersScreenView', () => {
	it('folds queued role changes and removals over the members, in this account only', async () => {
		const db = await seeded();
		await enqueue('member.setRole', { accountId: ACME, userId: TECH_ID, role: 'admin' }, db);
		await enqueue('user.remove', { accountId: OTHER, userId: ADMIN.id }, db);
		const { members } = await current(db);
		expect(members).toEqual([
			expect.objectContaining({ email: 'admin@acme.test', role: 'admin', pendingRole: null, pendingRemoval: false }),
			expect.objectContaining({ email: 'tech@acme.test', role: 'technician', pendingRole: 'admin', pendingRemoval: false })
		]);
		await enqueue('user.remove', { accountId: ACME, userId: TECH_ID }, db);
		expect((await current(db)).members[1]).toMatchObject({ pendingRemoval: true });
	});

	it('shows a queued invitation until its row arrives, marks expired ones, hides accepted ones, and folds a revoke', async () => {
		const db = await seeded();
		const invitationId = crypto.randomUUID();
		await enqueue('user.invite', { invitationId, accountId: ACME, email: 'New@Acme.test', role: 'member' }, db);
		await db.invitations.bulkPut([
			invitation('late@acme.test', { expiresAt: '2026-01-01T00:00:00.000Z' }),
			invitation('done@acme.test', { status: 'accepted' })
		]);
		expect((await current(db)).invitations).toEqual([
			expect.objectContaining({ email: 'late@acme.test', expired: true, pending: null }),
			expect.objectContaining({ id: invitationId, email: 'new@acme.test', role: 'member', expiresAt: null, pending: 'invite' })
		]);
		const row = invitation('new@acme.test', { id: invitationId, role: 'member' });
		await db.invitations.put(row);
		await enqueue('invitation.revoke', { invitationId, accountId: ACME }, db);
		expect((await current(db)).invitations.find((i) => i.id === invitationId)).toMatchObject({ pending: 'revoke', expiresAt: row.expiresAt });
	});

	it('shows a requested domain and a queued check; only approved domains pass the offline invitation check', async () => {
		const db = await seeded();
		await enqueue('domain.approve', { domainId: crypto.randomUUID(), accountId: ACME, domain: 'Field.Acme.test' }, db);
		await enqueue('domain.approve', { domainId: crypto.randomUUID(), accountId: ACME, domain: 'acme.example' }, db);
		const { domains } = await current(db);
		expect(domains).toEqual([
			expect.objectContaining({ domain: 'acme.example', status: 'pending', checking: true, txtValue: 'keyfield-verification=abc' }),
			expect.objectContaining({ domain: 'acme.test', status: 'approved', checking: false }),
			expect.objectContaining({ domain: 'field.acme.test', status: 'requested', checking: true, txtValue: null })
		]);
		expect(domainApprovedFor(domains, 'ana@ACME.test')).toBe(true);
		expect(domainApprovedFor(domains, 'ana@acme.example')).toBe(false);
		expect(domainApprovedFor(domains, 'ana@field.acme.test')).toBe(false);
		expect(domainApprovedFor(domains, 'not-an-email')).toBe(false);
	});
});
