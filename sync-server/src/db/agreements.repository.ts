/**
 * Enterprise Flexible agreements: the agreement row, its per-product seat counts and its events. Every query is
 * scoped by account. The seat count moves only through `takeSeats`/`returnSeats`, conditional updates that
 * cannot pass the cap even without the agreement lock (the check constraint is the last line behind them).
 */
import type { Kysely } from 'kysely';
import { bumpAccountVersion } from './accounts.repository.ts';
import type { Database, LicenseRegistration, NewLicense } from './schema.ts';

type Db = Kysely<Database>;

export type NewAgreement = {
	id: string;
	accountId: string;
	name: string;
	startsOn: string;
	endsOn: string;
	licensee: LicenseRegistration;
	products: { sku: string; seatCap: number }[];
};

export async function insertAgreement(db: Db, agreement: NewAgreement): Promise<void> {
	const version = await bumpAccountVersion(db, agreement.accountId);
	const { id, accountId, name, startsOn, endsOn, licensee, products } = agreement;
	await db
		.insertInto('agreements')
		.values({ id, account_id: accountId, version, name, starts_on: startsOn, ends_on: endsOn, licensee: JSON.stringify(licensee) })
		.execute();
	await db
		.insertInto('agreement_products')
		.values(products.map((p) => ({ agreement_id: id, account_id: accountId, sku: p.sku, seat_cap: p.seatCap })))
		.execute();
}

/** The agreement, locked until commit so draw-downs and releases on it take turns; undefined outside the account. */
export async function lockAgreement(db: Db, accountId: string, id: string) {
	return db
		.selectFrom('agreements')
		.select(['id', 'name', 'starts_on', 'ends_on', 'licensee'])
		.where('id', '=', id)
		.where('account_id', '=', accountId)
		.forUpdate()
		.executeTakeFirst();
}

/** Takes seats if the cap allows; the new count, or undefined when the product is not in it or the cap would pass. */
export async function takeSeats(db: Db, accountId: string, agreementId: string, sku: string, seats: number) {
	return db
		.updateTable('agreement_products')
		.set((eb) => ({ seats_used: eb('seats_used', '+', seats) }))
		.where('account_id', '=', accountId)
		.where('agreement_id', '=', agreementId)
		.where('sku', '=', sku)
		.where((eb) => eb(eb('seats_used', '+', seats), '<=', eb.ref('seat_cap')))
		.returning(['seats_used', 'seat_cap'])
		.executeTakeFirst();
}

export async function returnSeats(db: Db, accountId: string, agreementId: string, sku: string, seats: number): Promise<void> {
	await db
		.updateTable('agreement_products')
		.set((eb) => ({ seats_used: eb('seats_used', '-', seats) }))
		.where('account_id', '=', accountId)
		.where('agreement_id', '=', agreementId)
		.where('sku', '=', sku)
		.executeTakeFirstOrThrow();
}

export async function productSeats(db: Db, accountId: string, agreementId: string, sku: string) {
	return db
		.selectFrom('agreement_products')
		.select(['seat_cap', 'seats_used'])
		.where('account_id', '=', accountId)
		.where('agreement_id', '=', agreementId)
		.where('sku', '=', sku)
		.executeTakeFirst();
}

/** Re-stamps the agreement row so pulls deliver its new seat counts (they travel inside it). */
export async function stampAgreement(db: Db, accountId: string, id: string, version: number): Promise<void> {
	await db.updateTable('agreements').set({ version }).where('id', '=', id).where('account_id', '=', accountId).execute();
}

export async function insertAgreementEvent(
	db: Db,
	event: { accountId: string; version: number; agreementId: string; sku: string; kind: 'draw' | 'release'; seats: number; licenseId: string; userId: string }
): Promise<void> {
	await db
		.insertInto('agreement_events')
		.values((eb) => ({
			id: crypto.randomUUID(),
			account_id: event.accountId,
			version: event.version,
			agreement_id: event.agreementId,
			sku: event.sku,
			kind: event.kind,
			seats: event.seats,
			license_id: event.licenseId,
			user_email: eb.selectFrom('users').select('email').where('id', '=', event.userId)
		}))
		.execute();
}

/** A license drawn from this agreement in this account, locked for a release; undefined for any other license. */
export async function lockDrawnLicense(db: Db, accountId: string, agreementId: string, licenseId: string) {
	return db
		.selectFrom('licenses')
		.select(['id', 'sku', 'product_version', 'seats', 'maintenance_end', 'host_id', 'status'])
		.where('id', '=', licenseId)
		.where('account_id', '=', accountId)
		.where('origin', '=', 'agreement')
		.where('source_id', '=', agreementId)
		.forUpdate()
		.executeTakeFirst();
}

/** Inserts a drawn license; false when its id is taken (nothing written then). */
export async function insertDrawnLicense(db: Db, license: Omit<NewLicense, 'origin' | 'certificate_id' | 'serial'>): Promise<boolean> {
	const row = await db
		.insertInto('licenses')
		.values({ ...license, origin: 'agreement', certificate_id: null, serial: null })
		.onConflict((oc) => oc.column('id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/** A release: fewer seats with a re-signed key, or revoked when none are left (the key then stays as it was). */
export async function updateDrawnLicense(
	db: Db,
	accountId: string,
	id: string,
	change: { version: number } & ({ seats: number; key: string } | { status: 'revoked' })
): Promise<void> {
	await db.updateTable('licenses').set(change).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirstOrThrow();
}

/** An account's agreements with their products and events, for the vendor API. */
export async function listAgreements(db: Db, accountId: string) {
	const agreements = await db.selectFrom('agreements').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
	if (agreements.length === 0) return [];
	const ids = agreements.map((a) => a.id);
	const products = await db
		.selectFrom('agreement_products as p')
		.innerJoin('products as pr', 'pr.sku', 'p.sku')
		.select(['p.agreement_id', 'p.sku', 'pr.name', 'p.seat_cap', 'p.seats_used'])
		.where('p.agreement_id', 'in', ids)
		.orderBy('p.sku')
		.execute();
	const events = await db.selectFrom('agreement_events').selectAll().where('agreement_id', 'in', ids).orderBy('at').orderBy('version').execute();
	return agreements.map((a) => ({
		id: a.id,
		accountId: a.account_id,
		name: a.name,
		startsOn: a.starts_on,
		endsOn: a.ends_on,
		licensee: a.licensee,
		products: products.filter((p) => p.agreement_id === a.id).map((p) => ({ sku: p.sku, name: p.name, seatCap: p.seat_cap, seatsUsed: p.seats_used })),
		events: events
			.filter((e) => e.agreement_id === a.id)
			.map((e) => ({ id: e.id, agreementId: e.agreement_id, sku: e.sku, kind: e.kind, seats: e.seats, licenseId: e.license_id, userEmail: e.user_email, at: new Date(e.at).toISOString() }))
	}));
}
