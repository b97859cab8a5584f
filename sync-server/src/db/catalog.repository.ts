/** Products (in the catalog pseudo-account), certificates and their serial numbers. */
import { CATALOG_ACCOUNT_ID } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { bumpAccountVersion } from './accounts.repository.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export async function insertProduct(db: Db, product: { id: string; sku: string; name: string; version: string }): Promise<void> {
	const version = await bumpAccountVersion(db, CATALOG_ACCOUNT_ID);
	await db
		.insertInto('products')
		.values({ id: product.id, account_id: CATALOG_ACCOUNT_ID, version, sku: product.sku, name: product.name, product_version: product.version })
		.execute();
}

export async function findProductBySku(db: Db, sku: string) {
	return db.selectFrom('products').select(['id', 'sku', 'name', 'product_version']).where('sku', '=', sku).executeTakeFirst();
}

export async function insertCertificate(
	db: Db,
	certificate: { id: string; accountId: string | null; productId: string; quantity: number; maintenanceEnd: string; serials: string[] }
): Promise<void> {
	await db
		.insertInto('certificates')
		.values({
			id: certificate.id,
			account_id: certificate.accountId,
			product_id: certificate.productId,
			quantity: certificate.quantity,
			maintenance_end: certificate.maintenanceEnd
		})
		.execute();
	if (certificate.serials.length > 0) {
		await db
			.insertInto('serials')
			.values(certificate.serials.map((serial) => ({ serial, certificate_id: certificate.id })))
			.execute();
	}
}

export async function listCertificates(db: Db, filter: { accountId: string } | { boxed: true }) {
	let query = db
		.selectFrom('certificates')
		.innerJoin('products', 'products.id', 'certificates.product_id')
		.select(['certificates.id', 'certificates.account_id', 'products.sku', 'certificates.quantity', 'certificates.maintenance_end'])
		.orderBy('certificates.created_at')
		.orderBy('certificates.id');
	query = 'boxed' in filter ? query.where('certificates.account_id', 'is', null) : query.where('certificates.account_id', '=', filter.accountId);
	const certificates = await query.execute();
	if (certificates.length === 0) return [];
	const serials = await db
		.selectFrom('serials')
		.select(['serial', 'certificate_id', 'license_id'])
		.where('certificate_id', 'in', certificates.map((c) => c.id))
		.orderBy('serial')
		.execute();
	return certificates.map((c) => ({
		id: c.id,
		accountId: c.account_id,
		sku: c.sku,
		quantity: c.quantity,
		maintenanceEnd: c.maintenance_end,
		serials: serials.filter((s) => s.certificate_id === c.id).map((s) => ({ serial: s.serial, licenseId: s.license_id }))
	}));
}

/**
 * The serial with its certificate and product, row-locked: two registrations of one serial queue here, and the
 * second sees the first one's license once it commits. The certificate is locked too, so two serials of one boxed
 * certificate cannot be claimed for two different accounts at once.
 */
export async function lockSerial(db: Db, serial: string) {
	return db
		.selectFrom('serials')
		.innerJoin('certificates', 'certificates.id', 'serials.certificate_id')
		.innerJoin('products', 'products.id', 'certificates.product_id')
		.select([
			'serials.serial',
			'serials.license_id',
			'certificates.id as certificate_id',
			'certificates.account_id',
			'certificates.quantity',
			'certificates.maintenance_end',
			'products.sku',
			'products.name as product_name',
			'products.product_version'
		])
		.where('serials.serial', '=', serial)
		.forUpdate(['serials', 'certificates'])
		.executeTakeFirst();
}

/** A boxed certificate belongs to nobody until the first registration claims it for that account. */
export async function claimCertificate(db: Db, certificateId: string, accountId: string): Promise<void> {
	await db.updateTable('certificates').set({ account_id: accountId }).where('id', '=', certificateId).where('account_id', 'is', null).execute();
}
