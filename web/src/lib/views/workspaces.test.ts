// "All workspaces" and the delegations list as pure folds: own accounts with the role, customers through the
// partner's delegation with its scope, expiry counts from the user's today; pending grants and revokes folded in.
import type { AccountRow, DelegationRow, MembershipRow } from '@keyfield/shared';
import { CATALOG_ACCOUNT_ID, makeCode } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../db/db.ts';
import { foldDelegations } from './delegations.ts';
import { workspacesOf } from './workspaces.ts';

const USER = '99999999-9999-4999-8999-999999999999';
const NORTHWIND = '11111111-1111-4111-8111-111111111111';
const ACME = '22222222-2222-4222-8222-222222222222';
const INITECH = '33333333-3333-4333-8333-333333333333';
const account = (id: string, name: string, kind: AccountRow['kind']): AccountRow => ({ id, accountId: id, version: 1, name, kind });
const delegation = (id: string, customer: string, scope: DelegationRow['scope']): DelegationRow => ({
	id, accountId: customer, version: 2, partnerAccountId: NORTHWIND, partnerName: 'Northwind Partners', scope, grantedBy: 'admin@acme.test', grantedAt: '2026-11-01T10:00:00.000Z'
});
const membership: MembershipRow = { id: '44444444-4444-4444-8444-444444444444', accountId: NORTHWIND, version: 1, userId: USER, email: 'partner@northwind.test', role: 'admin' };
const license = (accountId: string, maintenanceEnd: string, status: 'active' | 'revoked' = 'active') => ({ accountId, maintenanceEnd, status });

describe('workspaces', () => {
	it('lists own accounts with the role, then customers through the delegation, with what expires when', () => {
		const rows = {
			accounts: [account(INITECH, 'Initech Retail', 'customer'), account(ACME, 'Acme Field Services', 'customer'), account(NORTHWIND, 'Northwind Partners', 'partner'), account(CATALOG_ACCOUNT_ID, 'Catalog', 'catalog')],
			memberships: [membership],
			delegations: [delegation('d1', ACME, 'manage'), delegation('d2', INITECH, 'read')],
			licenses: [license(ACME, '2026-11-30'), license(ACME, '2026-12-31'), license(ACME, '2027-02-01'), license(ACME, '2028-01-01'), license(ACME, '2026-01-01', 'revoked')],
			contracts: [{ accountId: ACME, endsOn: '2026-12-15' }, { accountId: INITECH, endsOn: '2027-06-01' }]
		};
		const list = workspacesOf(rows, USER, '2026-12-01');
		expect(list.map((w) => [w.name, w.role, w.delegation?.scope ?? null])).toEqual([
			['Northwind Partners', 'admin', null],
			['Acme Field Services', null, 'manage'],
			['Initech Retail', null, 'read']
		]);
		expect(list[1]!.summary).toEqual({ licenses: 4, contracts: 1, expired: 1, within30: 2, within90: 1 });
		expect(list[2]!.summary).toEqual({ licenses: 0, contracts: 1, expired: 0, within30: 0, within90: 0 });
	});
});

describe('delegations list', () => {
	const entry = (id: number, name: OutboxEntry['name'], args: Record<string, unknown>): OutboxEntry => ({ id, clientId: 'c', name, args, createdAt: '2026-12-01T10:00:00.000Z', userId: USER, accountId: ACME });

	it('shows a pending grant by its code and marks a pending revoke, for this account only', () => {
		const pendingId = '55555555-5555-4555-8555-555555555555';
		const code = makeCode('share', new Uint8Array(16).fill(7));
		const list = foldDelegations(
			[delegation('66666666-6666-4666-8666-666666666666', ACME, 'read'), delegation('77777777-7777-4777-8777-777777777777', INITECH, 'read')],
			[
				entry(1, 'delegation.grant', { delegationId: pendingId, accountId: ACME, partnerCode: code, scope: 'manage' }),
				entry(2, 'delegation.revoke', { delegationId: '66666666-6666-4666-8666-666666666666', accountId: ACME })
			],
			ACME
		);
		expect(list.map((d) => [d.id, d.partner, d.scope, d.pending])).toEqual([
			[pendingId, code, 'manage', 'grant'],
			['66666666-6666-4666-8666-666666666666', 'Northwind Partners', 'read', 'revoke']
		]);
	});
});
