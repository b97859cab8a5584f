/** Upgrade notifications and the license split a version upgrade writes. Every query is scoped by account. */
import { sql, type Kysely, type Selectable } from 'kysely';
import { bumpAccountVersion } from './accounts.repository.ts';
import type { Database, LicensesTable, NewLicense } from './schema.ts';

type Db = Kysely<Database>;

export async function insertNotification(
	db: Db,
	n: { id: string; accountId: string; code: string; sku: string; targetSku: string; quantity: number; expiresOn: string }
): Promise<void> {
	const version = await bumpAccountVersion(db, n.accountId);
	await db
		.insertInto('upgrade_notifications')
		.values({ id: n.id, account_id: n.accountId, version, code: n.code, sku: n.sku, target_sku: n.targetSku, quantity: n.quantity, expires_on: n.expiresOn })
		.execute();
}

export async function listNotifications(db: Db, accountId: string) {
	return db.selectFrom('upgrade_notifications').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
}

/**
 * The notification with this code in this account, row-locked until commit, with its target product and whether
 * it has expired (by the database's date, one clock for every process). Concurrent upgrades against one
 * notification queue here, and each sees the `used` the previous one committed.
 */
export async function lockNotification(db: Db, accountId: string, code: string) {
	return db
		.selectFrom('upgrade_notifications as n')
		.innerJoin('products as p', 'p.sku', 'n.target_sku')
		.select(['n.id', 'n.sku', 'n.target_sku', 'n.quantity', 'n.used', 'p.name as target_name', 'p.product_version as target_version'])
		.select(sql<boolean>`n.expires_on < current_date`.as('expired'))
		.where('n.account_id', '=', accountId)
		.where('n.code', '=', code)
		.forUpdate(['n'])
		.executeTakeFirst();
}

/** The license in this account, row-locked until commit (locked after its notification: one lock order). */
export async function lockLicense(db: Db, accountId: string, id: string): Promise<Selectable<LicensesTable> | undefined> {
	return db.selectFrom('licenses').selectAll().where('account_id', '=', accountId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function licenseIdExists(db: Db, id: string): Promise<boolean> {
	return (await db.selectFrom('licenses').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The split: the old license keeps what is left, the new one is inserted, the notification counts the seats. */
export async function writeUpgrade(
	db: Db,
	write: {
		accountId: string;
		version: number;
		notificationId: string;
		quantity: number;
		old: { id: string; seats: number; key: string; status: LicensesTable['status']; registration: string };
		created: Omit<NewLicense, 'version' | 'account_id'>;
	}
): Promise<void> {
	const { accountId, version, old } = write;
	await db
		.updateTable('licenses')
		.set({ seats: old.seats, key: old.key, status: old.status, registration: old.registration, version })
		.where('account_id', '=', accountId)
		.where('id', '=', old.id)
		.execute();
	await db.insertInto('licenses').values({ ...write.created, account_id: accountId, version }).execute();
	await db
		.updateTable('upgrade_notifications')
		.set((eb) => ({ used: eb('used', '+', write.quantity), version }))
		.where('account_id', '=', accountId)
		.where('id', '=', write.notificationId)
		.execute();
}
