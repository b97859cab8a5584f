/** Vendor voucher operations, each in one transaction and journaled; the demo seed uses them too. */
import { ErrorCode, makeCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { findProductBySku } from '../db/catalog.repository.ts';
import type { Database } from '../db/schema.ts';
import { insertVoucherBatch, listVoucherBatch, voidVouchers } from '../db/vouchers.repository.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './admin.service.ts';
import type * as S from './vouchers.schemas.ts';

type Db = Kysely<Database>;

const RESTRICTABLE_KINDS = new Set(['oem', 'partner']);

export async function mintVouchers(db: Db, actor: Actor, input: z.output<typeof S.MintVouchersRequest>): Promise<z.output<typeof S.MintedVouchers>> {
	if (input.expiresOn < new Date().toISOString().slice(0, 10)) {
		throw new AppError(409, ErrorCode.conflict, `expiresOn ${input.expiresOn} is in the past: nobody could redeem these vouchers.`);
	}
	const product = await findProductBySku(db, input.sku);
	if (!product) throw notFound(`No product with SKU ${input.sku}.`);
	const restrictedAccountId = input.restrictedToAccountId ?? null;
	if (restrictedAccountId) {
		const account = await db.selectFrom('accounts').select('kind').where('id', '=', restrictedAccountId).executeTakeFirst();
		if (!account) throw notFound(`No account ${restrictedAccountId} (restrictedToAccountId).`);
		if (!RESTRICTABLE_KINDS.has(account.kind)) {
			throw new AppError(409, ErrorCode.conflict, 'Vouchers can be restricted to an OEM or partner account only.');
		}
	}
	const batchId = crypto.randomUUID();
	// 16 random bytes, of which makeCode uses 4 x 4 characters x 5 bits = 80 bits.
	const codes = [...new Set(Array.from({ length: input.count }, () => makeCode('voucher', crypto.getRandomValues(new Uint8Array(16)))))];
	const { sku, seats, termMonths, expiresOn } = input;
	await db.transaction().execute(async (tx) => {
		await insertVoucherBatch(tx, { id: batchId, productId: product.id, seats, termMonths, expiresOn, restrictedAccountId }, codes);
		await recordActivity(tx, {
			...actor,
			accountId: restrictedAccountId,
			action: 'admin.vouchers.mint',
			details: { batchId, sku, seats, termMonths, expiresOn, count: codes.length }
		});
	});
	return { batchId, codes };
}

export async function voidVoucherCodes(db: Db, actor: Actor, input: z.output<typeof S.VoidVouchersRequest>): Promise<z.output<typeof S.VoidedVouchers>> {
	const codes = [...new Set(input.codes)];
	return db.transaction().execute(async (tx) => {
		const { voided, redeemed, unknown } = await voidVouchers(tx, codes);
		await recordActivity(tx, { ...actor, action: 'admin.vouchers.void', details: { voided, alreadyRedeemed: redeemed, unknown } });
		return { voided, alreadyRedeemed: redeemed, unknown };
	});
}

export async function voucherBatch(db: Db, batchId: string): Promise<z.output<typeof S.VoucherBatchListing>> {
	const listing = await listVoucherBatch(db, batchId);
	if (!listing) throw notFound(`No voucher batch ${batchId}.`);
	const { batch, vouchers } = listing;
	return {
		batchId: batch.id,
		sku: batch.sku,
		seats: batch.seats,
		termMonths: batch.term_months,
		expiresOn: batch.expires_on,
		restrictedToAccountId: batch.restricted_account_id,
		vouchers: vouchers.map((v) => ({
			code: v.code,
			status: v.redeemed_at ? 'redeemed' : v.voided_at ? 'void' : 'available',
			redeemedAt: v.redeemed_at ? new Date(v.redeemed_at).toISOString() : null,
			accountId: v.redeemed_account_id,
			licenseId: v.license_id
		}))
	};
}
