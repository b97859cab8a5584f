/**
 * Demo seat packages (two currencies, so the cart shows a total per currency) and Acme's seats: a confirmed order
 * of Keyfield Vault seats with one of them assigned to the technician, so the seat screens have something from the
 * first sign-in; and Globex's order of Scanner seats still waiting for its payment, so the vendor console's
 * Confirmations has one to confirm. Built through the vendor service and the repositories an order goes through.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../admin/admin.service.ts';
import { confirmOrder, createPackage } from '../admin/seats.service.ts';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import type { Database } from '../db/schema.ts';
import * as seats from '../db/seats.repository.ts';
import { totalsByCurrency, type OrderLine } from '@keyfield/shared';

const PACKAGES = [
	{ sku: 'KF-EDGE', name: 'Edge Gateway 5-pack', seats: 5, priceMinor: 125_000, currency: 'EUR' },
	{ sku: 'KF-EDGE', name: 'Edge Gateway 10-pack', seats: 10, priceMinor: 230_000, currency: 'EUR' },
	{ sku: 'KF-VAULT', name: 'Vault 10-pack', seats: 10, priceMinor: 89_000, currency: 'EUR' },
	{ sku: 'KF-SCAN', name: 'Scanner 3-pack', seats: 3, priceMinor: 45_000, currency: 'USD' }
];

const userId = async (db: Kysely<Database>, email: string) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

type Package = Awaited<ReturnType<typeof seats.listPackages>>[number];

/** An order of `quantity` of one package, placed by `placedBy`, waiting for its payment; returns its id. */
async function placeDemoOrder(db: Kysely<Database>, accountId: string, placedBy: string, pkg: Package, quantity: number): Promise<string> {
	const id = crypto.randomUUID();
	const lines: OrderLine[] = [{ packageId: pkg.id, productId: pkg.product_id, sku: pkg.sku, name: pkg.name, seatsPerPackage: pkg.seats, quantity, priceMinor: pkg.price_minor, currency: pkg.currency }];
	await db.transaction().execute(async (tx) => {
		const version = await bumpAccountVersion(tx, accountId);
		await seats.insertOrder(tx, { id, accountId, version, lines, totals: totalsByCurrency(lines), placedBy });
	});
	return id;
}

export async function seedDemoSeats(db: Kysely<Database>, actor: Actor, accounts: { acme: string; globex: string }): Promise<void> {
	const acmeAccountId = accounts.acme;
	const ids: string[] = [];
	for (const p of PACKAGES) ids.push((await createPackage(db, actor, p)).id);
	const packages = await seats.listPackages(db, ids);
	const vault = packages.find((p) => p.name === 'Vault 10-pack')!;
	const scan = packages.find((p) => p.name === 'Scanner 3-pack')!;
	const admin = await userId(db, 'admin@acme.test');
	const tech = await userId(db, 'tech@acme.test');
	const orderId = await placeDemoOrder(db, acmeAccountId, admin, vault, 1);
	await confirmOrder(db, actor, orderId, { paymentRef: 'DEMO-0001' });
	await placeDemoOrder(db, accounts.globex, await userId(db, 'admin@globex.test'), scan, 2);
	await db.transaction().execute(async (tx) => {
		const version = await bumpAccountVersion(tx, acmeAccountId);
		const pool = (await seats.lockPool(tx, acmeAccountId, vault.product_id))!;
		await seats.insertAssignment(tx, { id: crypto.randomUUID(), accountId: acmeAccountId, version, productId: vault.product_id, userId: tech, assignedBy: admin });
		await seats.moveAssigned(tx, pool.id, acmeAccountId, 1, version);
	});
}
