/** Products (in the catalog pseudo-account), certificates and their serial numbers. */
import { CATALOG_ACCOUNT_ID } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
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
	certificate: { id: string; accountId: string | null; productId: string; quantity: number; maintenanceEnd: string; reference?: string | null; serials: string[] }
): Promise<void> {
	await db
		.insertInto('certificates')
		.values({
			id: certificate.id,
			account_id: certificate.accountId,
			product_id: certificate.productId,
			quantity: certificate.quantity,
			maintenance_end: certificate.maintenanceEnd,
			reference: certificate.reference ?? null
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

/** `column = ANY(...)` with the list as one text parameter, like `inUuids`: serials are validated codes (letters,
 * digits, dashes), so a comma never occurs inside one. */
function anySerial(column: string, serials: readonly string[]) {
	return sql<boolean>`${sql.ref(column)} = any(string_to_array(${serials.join(',')}, ','))`;
}

export type LockedSerial = NonNullable<Awaited<ReturnType<typeof lockSerials>>[number]>;

/**
 * The serials with their certificates and products, row-locked until commit: two registrations of one serial
 * queue here, and the second sees the first one's license once it commits. The certificates are locked too, so
 * two serials of one boxed certificate cannot be claimed for two different accounts at once.
 * Two statements, one lock order: every certificate (by id) before any serial (by serial), so two pushes locking
 * overlapping sets wait for each other instead of deadlocking. Push locks a whole batch this way in two round trips.
 */
export async function lockSerials(db: Db, serials: readonly string[]) {
	if (serials.length === 0) return [];
	const sorted = [...new Set(serials)].sort();
	await db
		.selectFrom('certificates')
		.select('id')
		.where('id', 'in', (eb) => eb.selectFrom('serials').select('certificate_id').where(anySerial('serial', sorted)))
		.orderBy('id')
		.forUpdate()
		.execute();
	// The certificates are ours now, so this statement's snapshot shows their latest state; the serial rows are
	// re-read as they are locked (READ COMMITTED), so a license committed meanwhile shows in `license_id`.
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
		.where(anySerial('serials.serial', sorted))
		.orderBy('serials.serial')
		.forUpdate(['serials'])
		.execute();
}
