/**
 * Demo maintenance contracts for Acme Field Services, one or more in every bucket of the expiry dashboard, whatever
 * day the demo starts: expired (one renewable online, one bought before the product's renewal cutoff), ending within
 * 30 days (renewable online), within 90 (sold by a partner: renewed through them) and later. Each but the last
 * covers a certificate of its own whose maintenance end is the contract's end, so its licenses agree with it.
 */
import { addDays, todayIn } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import * as admin from '../admin/admin.service.ts';
import * as contracts from '../admin/contracts.service.ts';
import { listCertificates } from '../db/catalog.repository.ts';
import type { Database } from '../db/schema.ts';
import type { DemoSeed } from './demo-seed.ts';

const ACCOUNT = 'Acme Field Services';
const NORTHWIND = { name: 'Northwind Partners', email: 'renewals@northwind.test', phone: '+34 911 000 111' };

type DemoContract = { sku: string; seats: number; daysLeft: number; channel: 'online' | 'partner'; productVersion?: string };

const CONTRACTS: DemoContract[] = [
	{ sku: 'KF-EDGE', seats: 3, daysLeft: 20, channel: 'online' },
	{ sku: 'KF-VAULT', seats: 10, daysLeft: 60, channel: 'partner' },
	{ sku: 'KF-SCAN', seats: 2, daysLeft: -10, channel: 'online', productVersion: '7.4' },
	{ sku: 'KF-VAULT', seats: 4, daysLeft: -5, channel: 'online' }
];

export async function seedDemoContracts(db: Kysely<Database>, system: admin.Actor, accountId: string, certificates: DemoSeed['certificates']): Promise<void> {
	const today = todayIn('UTC');
	// Scanner contracts bought before 8.0 renew only after an upgrade.
	await contracts.setCutoff(db, system, { sku: 'KF-SCAN', cutoffVersion: '8.0' });
	for (const [i, c] of CONTRACTS.entries()) {
		const endsOn = addDays(today, c.daysLeft);
		const { id, serials } = await admin.createCertificate(db, system, { accountId, sku: c.sku, quantity: c.seats, maintenanceEnd: endsOn, serialCount: 1 });
		certificates.push({ account: ACCOUNT, sku: c.sku, serials });
		await contracts.createContract(db, system, {
			accountId,
			certificateId: id,
			startsOn: addDays(endsOn, -364),
			endsOn,
			channel: c.channel,
			...(c.channel === 'partner' ? { partner: NORTHWIND } : {}),
			purchasedOn: addDays(endsOn, -370),
			productVersion: c.productVersion,
			proofRefs: [`ORD-${1040 + i}`]
		});
	}
	// The first Edge Gateway certificate (the one "Get a key" offers first) runs for its year: a contract for later.
	const edge = (await listCertificates(db, { accountId })).find((c) => c.sku === 'KF-EDGE')!;
	await contracts.createContract(db, system, {
		accountId,
		certificateId: edge.id,
		startsOn: addDays(edge.maintenanceEnd, -364),
		endsOn: edge.maintenanceEnd,
		channel: 'online',
		purchasedOn: addDays(edge.maintenanceEnd, -370),
		proofRefs: ['ORD-1039']
	});
}
