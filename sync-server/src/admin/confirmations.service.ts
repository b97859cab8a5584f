/**
 * What waits for the vendor to confirm, across every account: renewals (one contract each) and co-terms (one
 * request naming several contracts of an account), oldest request first. Confirming goes through the existing
 * contract routes. Seat-package orders join this list when they exist.
 */
import type { PendingConfirmations } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import * as contracts from '../db/contracts.repository.ts';
import type { Database } from '../db/schema.ts';

export async function pendingConfirmations(db: Kysely<Database>): Promise<PendingConfirmations> {
	const rows = (await contracts.listPendingContracts(db)).map(contracts.toContract);
	const accountIds = [...new Set(rows.map((c) => c.accountId))];
	const names = new Map(
		accountIds.length === 0 ? [] : (await db.selectFrom('accounts').select(['id', 'name']).where('id', 'in', accountIds).execute()).map((a) => [a.id, a.name])
	);
	const nameOf = (id: string) => names.get(id) ?? id;
	const renewals = rows
		.filter((c) => c.pendingRenewal)
		.map((contract) => ({ accountName: nameOf(contract.accountId), contract }))
		.sort((a, b) => a.contract.pendingRenewal!.requestedOn.localeCompare(b.contract.pendingRenewal!.requestedOn));
	const coterms = new Map<string, PendingConfirmations['coterms'][number]>();
	for (const c of rows) {
		const p = c.pendingCoterm;
		if (!p) continue;
		const entry = coterms.get(p.id) ?? { cotermId: p.id, accountId: c.accountId, accountName: nameOf(c.accountId), commonEnd: p.commonEnd, requestedOn: p.requestedOn, contracts: [] };
		entry.contracts.push(c);
		coterms.set(p.id, entry);
	}
	return { renewals, coterms: [...coterms.values()].sort((a, b) => a.requestedOn.localeCompare(b.requestedOn)) };
}
