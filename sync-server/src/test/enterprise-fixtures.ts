/** Mutations and vendor calls for the Enterprise Flexible tests. */
import type { TestServer } from './harness.ts';

export function drawDown(id: number, args: { accountId: string; agreementId: string; sku: string; seats: number; licenseId?: string }) {
	return { id, name: 'enterprise.drawDown', createdAt: new Date().toISOString(), args: { licenseId: args.licenseId ?? crypto.randomUUID(), ...args } };
}

export function release(id: number, args: { accountId: string; agreementId: string; licenseId: string; seats: number }) {
	return { id, name: 'enterprise.release', createdAt: new Date().toISOString(), args };
}

const licensee = { company: 'Acme Field Services', contactName: 'Acme IT', email: 'it@acme.test', country: 'ES' };

/** A new agreement through the vendor API; returns its id. */
export async function createAgreement(
	server: TestServer,
	vendorToken: string,
	input: { accountId: string; products: { sku: string; seatCap: number }[]; startsOn?: string; endsOn?: string; name?: string }
): Promise<string> {
	const body = { name: 'Test agreement', startsOn: '2020-01-01', endsOn: '2099-12-31', licensee, ...input };
	const res = await server.call('/api/admin/agreements', { token: vendorToken, body });
	if (res.status !== 201) throw new Error(`create agreement: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { id: string }).id;
}

export async function seatsUsed(server: TestServer, agreementId: string, sku: string): Promise<number> {
	const row = await server.db
		.selectFrom('agreement_products')
		.select('seats_used')
		.where('agreement_id', '=', agreementId)
		.where('sku', '=', sku)
		.executeTakeFirstOrThrow();
	return row.seats_used;
}
