// The expiry dashboard's rows: days left from the user's today, buckets, order, and a renewal queued on the device.
import type { ContractRow } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../db/db.ts';
import { bucketCounts, contractViews } from './contracts.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const contract = (id: string, endsOn: string, productName = 'Keyfield Edge Gateway'): ContractRow => ({
	id, accountId: ACME, version: 3, certificateId: '22222222-2222-4222-8222-222222222222', licenseId: null, sku: 'KF-EDGE', productName,
	productVersion: '5.2', renewalCutoffVersion: null, seats: 5, startsOn: '2026-01-01', endsOn, channel: 'online', partner: null,
	purchasedOn: '2025-12-20', proofRefs: [], revision: 1, pendingRenewal: null, pendingCoterm: null
});
const renewal = (contractId: string, renewalId: string): OutboxEntry => ({
	id: 1, clientId: 'c', name: 'contract.renew', args: { renewalId, contractId, accountId: ACME }, createdAt: '2026-12-01T10:00:00.000Z', userId: 'u', accountId: ACME
});

describe('contract views', () => {
	const rows = [contract('a', '2027-03-01'), contract('b', '2026-11-30'), contract('c', '2026-12-31'), contract('d', '2026-12-01', 'Keyfield Vault')];
	const names = new Map([[ACME, 'Acme Field Services']]);

	it('counts days from the given today, buckets them and lists the soonest end first', () => {
		const views = contractViews(rows, [], names, '2026-12-01');
		expect(views.map((v) => [v.contract.id, v.daysLeft, v.bucket])).toEqual([
			['b', -1, 'expired'],
			['d', 0, 'within30'],
			['c', 30, 'within30'],
			['a', 90, 'within90']
		]);
		expect(bucketCounts(views)).toEqual({ expired: 1, within30: 2, within90: 1, later: 0 });
		expect(views[0]!.accountName).toBe('Acme Field Services');
	});

	it("reaches a reminder at the default lead times, or at the contract's own", () => {
		const byDefault = contractViews(rows, [], names, '2026-12-01');
		expect(byDefault.map((v) => [v.contract.id, v.reminder])).toEqual([['b', 7], ['d', 7], ['c', 30], ['a', null]]);
		const own = contractViews(rows, [], names, '2026-12-01', new Map([['a', [90]], ['c', [14]]]));
		expect(own.map((v) => [v.contract.id, v.reminder])).toEqual([['b', 7], ['d', 7], ['c', null], ['a', 90]]);
	});

	it('shows a queued renewal until the server row carries it', () => {
		const queued = contractViews([rows[0]!], [renewal('a', '33333333-3333-4333-8333-333333333333')], names, '2026-12-01');
		expect(queued[0]!.queued).toEqual({ kind: 'renew', id: '33333333-3333-4333-8333-333333333333', createdAt: '2026-12-01T10:00:00.000Z' });
		const recorded = { ...rows[0]!, pendingRenewal: { id: '33333333-3333-4333-8333-333333333333', requestedOn: '2026-12-01', requestedBy: 'admin@acme.test' } };
		expect(contractViews([recorded], [renewal('a', '33333333-3333-4333-8333-333333333333')], names, '2026-12-01')[0]!.queued).toBeNull();
	});

	it('marks every contract a queued co-term names', () => {
		const entry: OutboxEntry = { ...renewal('a', 'x'), name: 'contract.coterm', args: { cotermId: '44444444-4444-4444-8444-444444444444', accountId: ACME, contractIds: ['a', 'c'] } };
		const views = contractViews(rows, [entry], names, '2026-12-01');
		expect(views.filter((v) => v.queued?.kind === 'coterm').map((v) => v.contract.id).sort()).toEqual(['a', 'c']);
	});
});

describe('reminder lead times', () => {
	const names = new Map([[ACME, 'Acme Field Services']]);
	const setReminders = (contractId: string, leads: number[] | null): OutboxEntry => ({
		id: 2, clientId: 'c', name: 'contract.setReminders', args: { contractId, accountId: ACME, leads }, createdAt: '2026-12-01T10:00:00.000Z', userId: 'u', accountId: ACME
	});

	it("the account's (synced) over a device-only older setting; one queued on this device over both until it is pulled", () => {
		const row = { ...contract('a', '2026-12-21'), reminderLeads: [45, 20] };
		const legacy = new Map([['a', [90]]]);
		expect(contractViews([row], [], names, '2026-12-01', legacy)[0]).toMatchObject({ leads: [45, 20], reminder: 20, leadsPending: false });
		expect(contractViews([contract('a', '2026-12-21')], [], names, '2026-12-01', legacy)[0]).toMatchObject({ leads: [90], reminder: 90 });
		expect(contractViews([row], [setReminders('a', [10, 30])], names, '2026-12-01', legacy)[0]).toMatchObject({ leads: [30, 10], reminder: 30, leadsPending: true });
		expect(contractViews([row], [setReminders('a', null)], names, '2026-12-01')[0]).toMatchObject({ leads: [60, 30, 7], reminder: 30 });
	});
});
