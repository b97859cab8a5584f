/**
 * What waits for the vendor to confirm, across every account: renewals (one contract each) and co-terms (one
 * request naming several contracts of an account), oldest request first. Confirming goes through the existing
 * contract routes; seat-package orders waiting for their payment go through the order route.
 */
import type { PendingConfirmations } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import * as contracts from '../db/contracts.repository.ts';
import { listPendingOrders } from '../db/seats.repository.ts';
import { vendorOrder } from './seats.service.ts';
import type { Database } from '../db/schema.ts';

/** The oldest this many unpaid orders are listed; confirming them brings the next ones up. */
const PENDING_ORDERS_CAP = 200;

export async function pendingConfirmations(db: Kysely<Database>): Promise<PendingConfirmations> {
	const rows = (await contracts.listPendingContracts(db)).map(contracts.toContract);
	const orders = (await listPendingOrders(db, PENDING_ORDERS_CAP)).map(vendorOrder);
	const accountIds = [...new Set([...rows.map((c) => c.accountId), ...orders.map((o) => o.accountId)])];
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
	return {
		orders: orders.map((order) => ({ accountName: nameOf(order.accountId), order })),
		renewals,
		coterms: [...coterms.values()].sort((a, b) => a.requestedOn.localeCompare(b.requestedOn))
	};
}
