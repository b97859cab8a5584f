/**
 * Demo vouchers for the Voucher center: one batch only Northwind Partners' users can redeem (into Northwind or into
 * Acme, which delegated to it), one batch anyone with an admin or technician role can redeem.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../admin/admin.service.ts';
import { mintVouchers } from '../admin/vouchers.service.ts';
import type { Database } from '../db/schema.ts';

export type DemoVouchers = { batch: string; codes: string[] }[];

const NORTHWIND_ONLY = 'KF-EDGE, 2 seats, 12 months, Northwind Partners only';
const OPEN = 'KF-SCAN, 1 seat, 24 months, any account';

function yearFromNow(): string {
	const d = new Date();
	d.setUTCFullYear(d.getUTCFullYear() + 1);
	return d.toISOString().slice(0, 10);
}

export async function seedDemoVouchers(db: Kysely<Database>, actor: Actor, northwindId: string): Promise<DemoVouchers> {
	const expiresOn = yearFromNow();
	const northwind = await mintVouchers(db, actor, { sku: 'KF-EDGE', seats: 2, termMonths: 12, expiresOn, count: 6, restrictedToAccountId: northwindId });
	const open = await mintVouchers(db, actor, { sku: 'KF-SCAN', seats: 1, termMonths: 24, expiresOn, count: 4 });
	return [
		{ batch: NORTHWIND_ONLY, codes: northwind.codes },
		{ batch: OPEN, codes: open.codes }
	];
}

/** On a later start: the demo vouchers still unredeemed. */
export async function demoVoucherSummary(db: Kysely<Database>): Promise<DemoVouchers> {
	const rows = await db
		.selectFrom('vouchers')
		.innerJoin('voucher_batches as b', 'b.id', 'vouchers.batch_id')
		.innerJoin('products as p', 'p.id', 'b.product_id')
		.select(['vouchers.code', 'p.sku', 'b.restricted_account_id'])
		.where('vouchers.redeemed_at', 'is', null)
		.where('vouchers.voided_at', 'is', null)
		.orderBy('vouchers.code')
		.execute();
	const batches: DemoVouchers = [
		{ batch: NORTHWIND_ONLY, codes: rows.filter((r) => r.restricted_account_id !== null && r.sku === 'KF-EDGE').map((r) => r.code) },
		{ batch: OPEN, codes: rows.filter((r) => r.restricted_account_id === null && r.sku === 'KF-SCAN').map((r) => r.code) }
	];
	return batches.filter((b) => b.codes.length > 0);
}
