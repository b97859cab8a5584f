/** Vouchers and their batches: minted by the vendor, redeemed once into a license, voided while unredeemed. */
import { sql, type Kysely } from 'kysely';
import { accountVersionSource } from './accounts.repository.ts';
import type { Database, NewLicense } from './schema.ts';

type Db = Kysely<Database>;

export async function insertVoucherBatch(
	db: Db,
	batch: { id: string; productId: string; seats: number; termMonths: number; expiresOn: string; restrictedAccountId: string | null },
	codes: readonly string[]
): Promise<void> {
	await db
		.insertInto('voucher_batches')
		.values({
			id: batch.id,
			product_id: batch.productId,
			seats: batch.seats,
			term_months: batch.termMonths,
			expires_on: batch.expiresOn,
			restricted_account_id: batch.restrictedAccountId
		})
		.execute();
	await db
		.insertInto('vouchers')
		.values(codes.map((code) => ({ id: crypto.randomUUID(), code, batch_id: batch.id })))
		.execute();
}

export type LockedVoucher = NonNullable<Awaited<ReturnType<typeof lockVoucher>>>;

/**
 * The voucher with its batch and product, row-locked until commit, so two redemptions of one code queue here and
 * the second sees the first one's redemption (READ COMMITTED re-reads a row it waited for). A voucher restricted to
 * an account the user is not a member of is filtered out by this same statement: to that user it does not exist,
 * by answer and by timing alike.
 */
export async function lockVoucher(db: Db, code: string, userId: string) {
	return db
		.selectFrom('vouchers')
		.innerJoin('voucher_batches as b', 'b.id', 'vouchers.batch_id')
		.innerJoin('products as p', 'p.id', 'b.product_id')
		.select([
			'vouchers.id',
			'vouchers.code',
			'vouchers.voided_at',
			'vouchers.redeemed_at',
			'vouchers.redeemed_account_id',
			'vouchers.license_id',
			'b.seats',
			'b.term_months',
			'b.expires_on',
			'p.sku',
			'p.name as product_name',
			'p.product_version'
		])
		.where('vouchers.code', '=', code)
		.where((eb) =>
			eb.or([
				eb('b.restricted_account_id', 'is', null),
				eb.exists(
					eb.selectFrom('memberships as m').select('m.id').whereRef('m.account_id', '=', 'b.restricted_account_id').where('m.user_id', '=', userId)
				)
			])
		)
		.forUpdate(['vouchers'])
		.executeTakeFirst();
}

/**
 * One round trip, like `registerLicenses`: the account version, the license, the voucher marked redeemed (only if
 * it still is not: the row lock makes that certain, the condition keeps it so); the caller journals it. Returns the
 * license's version, or null when the license id is taken: then only a version bump may have been written.
 */
export async function redeemIntoLicense(
	db: Db,
	license: Omit<NewLicense, 'version' | 'origin' | 'source_id' | 'certificate_id' | 'serial'>,
	voucher: { id: string; redeemedBy: string },
	versionTaken: number | null
): Promise<number | null> {
	const l = license;
	const result = await sql<{ version: number }>`
		with account_version as (${accountVersionSource(db, l.account_id, versionTaken)}),
		inserted as (
			insert into licenses (id, account_id, version, origin, source_id, certificate_id, serial, sku, product_name, product_version,
				seats, maintenance_end, key, registration, host_id, status)
			values (${l.id}, ${l.account_id}, (select version from account_version), 'voucher', ${voucher.id}, null, null, ${l.sku},
				${l.product_name}, ${l.product_version}, ${l.seats}, ${l.maintenance_end}, ${l.key}, ${l.registration}, null, 'active')
			on conflict (id) do nothing
			returning id, version),
		redeemed as (
			update vouchers set redeemed_at = now(), redeemed_by = ${voucher.redeemedBy}, redeemed_account_id = ${l.account_id},
				license_id = inserted.id
			from inserted where vouchers.id = ${voucher.id} and vouchers.redeemed_at is null and vouchers.voided_at is null
			returning vouchers.license_id)
		select inserted.version from inserted join redeemed on redeemed.license_id = inserted.id`.execute(db);
	return result.rows[0]?.version ?? null;
}

/** Voids the unredeemed vouchers among `codes`; reports each code as voided, already redeemed, or unknown. */
export async function voidVouchers(db: Db, codes: readonly string[]) {
	if (codes.length === 0) return { voided: [], redeemed: [], unknown: [] };
	const rows = await db
		.selectFrom('vouchers')
		.select(['id', 'code', 'redeemed_at', 'voided_at'])
		.where('code', 'in', codes)
		.orderBy('code')
		.forUpdate()
		.execute();
	const toVoid = rows.filter((r) => r.redeemed_at === null && r.voided_at === null);
	if (toVoid.length > 0) {
		await db.updateTable('vouchers').set({ voided_at: sql`now()` }).where('id', 'in', toVoid.map((r) => r.id)).execute();
	}
	const found = new Set(rows.map((r) => r.code));
	return {
		voided: rows.filter((r) => r.redeemed_at === null).map((r) => r.code), // voiding twice is still "voided"
		redeemed: rows.filter((r) => r.redeemed_at !== null).map((r) => r.code),
		unknown: codes.filter((c) => !found.has(c))
	};
}

export async function listVoucherBatch(db: Db, batchId: string) {
	const batch = await db
		.selectFrom('voucher_batches as b')
		.innerJoin('products as p', 'p.id', 'b.product_id')
		.select(['b.id', 'p.sku', 'b.seats', 'b.term_months', 'b.expires_on', 'b.restricted_account_id', 'b.created_at'])
		.where('b.id', '=', batchId)
		.executeTakeFirst();
	if (!batch) return null;
	const vouchers = await db
		.selectFrom('vouchers')
		.select(['code', 'voided_at', 'redeemed_at', 'redeemed_account_id', 'license_id'])
		.where('batch_id', '=', batchId)
		.orderBy('code')
		.execute();
	return { batch, vouchers };
}

export async function accountName(db: Db, accountId: string): Promise<string | undefined> {
	return (await db.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirst())?.name;
}
