/** Bench accounts made through the vendor service (the same code the vendor API runs), each with a technician. */
import * as admin from '../../sync-server/src/admin/admin.service.ts';
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo-seed.ts';
import type { BenchServer } from './server.ts';

const vendor = { userId: null, ip: null };

export async function benchWorkspace(server: BenchServer, name: string) {
	const { id: accountId } = await admin.createAccount(server.db, vendor, { name, kind: 'customer' });
	const email = `tech-${accountId.slice(0, 8)}@bench.test`;
	await admin.createUser(server.db, vendor, { email, password: DEMO_PASSWORD, accountId, role: 'technician' });
	return { accountId, email, token: await server.login(email) };
}

/** `count` fresh serials (one-seat certificates of the demo product KF-EDGE), in certificates of up to 1,000. */
export async function freshSerials(server: BenchServer, accountId: string, count: number): Promise<string[]> {
	const serials: string[] = [];
	while (serials.length < count) {
		const input = { accountId, sku: 'KF-EDGE', quantity: 1, maintenanceEnd: '2030-01-01', serialCount: Math.min(1000, count - serials.length) };
		serials.push(...(await admin.createCertificate(server.db, vendor, input)).serials);
	}
	return serials;
}

export const registration = { company: 'Bench GmbH', contactName: 'Bea Bench', email: 'bea@bench.test', country: 'DE' };

export function requestKey(accountId: string, serial: string, id: number) {
	return {
		id,
		name: 'license.requestKey',
		args: { licenseId: crypto.randomUUID(), accountId, serial, registration },
		createdAt: new Date().toISOString()
	};
}
