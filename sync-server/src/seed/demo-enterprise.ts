/** Demo Enterprise Flexible agreement: Acme Field Services can draw down seats from the first sign-in. */
import type { Kysely } from 'kysely';
import type { Actor } from '../admin/admin.service.ts';
import { createAgreement } from '../admin/enterprise.service.ts';
import type { Database } from '../db/schema.ts';

function daysFromNow(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function seedDemoAgreement(db: Kysely<Database>, actor: Actor, acmeAccountId: string): Promise<void> {
	await createAgreement(db, actor, {
		accountId: acmeAccountId,
		name: 'Acme Enterprise Flexible',
		// Started a month ago, a year to run: active whatever day the demo is started.
		startsOn: daysFromNow(-30),
		endsOn: daysFromNow(335),
		licensee: { company: 'Acme Field Services', contactName: 'Acme IT', email: 'it@acme.test', country: 'ES' },
		products: [
			{ sku: 'KF-EDGE', seatCap: 20 },
			{ sku: 'KF-VAULT', seatCap: 50 }
		]
	});
}
