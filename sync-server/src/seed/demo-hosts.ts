/**
 * Demo hosts: one Acme license registered with two hosts bound, so a new user finds the Hosts section in use and
 * seats to spare. Made through the push path as the demo technician, exactly as a device would (journal included).
 */
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { findUserByEmail } from '../db/users.repository.ts';
import type { Signer } from '../keys/signing-key.ts';
import { push } from '../sync/push.service.ts';
import type { DemoSeed } from './demo-seed.ts';

const SKU = 'KF-VAULT'; // 25 seats
const HOSTS = ['00:1A:2B:3C:4D:5E', 'vault-dr-01'];

export async function seedDemoHosts(db: Kysely<Database>, signer: Signer, seed: DemoSeed, accountId: string): Promise<void> {
	const certificate = seed.certificates.find((c) => c.account === 'Acme Field Services' && c.sku === SKU)!;
	const serial = certificate.serials.shift()!; // registered now: no longer offered as a free serial
	const tech = (await findUserByEmail(db, 'tech@acme.test'))!;
	const licenseId = crypto.randomUUID();
	const mutations = [
		{
			name: 'license.requestKey',
			args: {
				licenseId,
				accountId,
				serial,
				registration: { company: 'Acme Field Services', contactName: 'Tess Tech', email: 'tech@acme.test', country: 'ES' }
			}
		},
		...HOSTS.map((hostId) => ({ name: 'host.activate', args: { activationId: crypto.randomUUID(), licenseId, hostId } }))
	];
	const { results } = await push({ db, signer }, tech.id, '127.0.0.1', {
		protocolVersion: PROTOCOL_VERSION,
		schemaVersion: SCHEMA_VERSION,
		clientId: crypto.randomUUID(),
		mutations: mutations.map((m, i) => ({ ...m, id: i + 1, createdAt: new Date().toISOString() }))
	});
	const rejected = results.find((r) => r.status !== 'applied');
	if (rejected) throw new Error(`demo hosts: ${rejected.code} ${rejected.message}`);
}
