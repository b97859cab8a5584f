/**
 * Demo data for "Version upgrade": Keyfield Edge Gateway 6.0 in the catalog and an upgrade notification for Acme's
 * Edge Gateway licenses. Acme starts with serials, not licenses: get a key for a KF-EDGE serial, then upgrade it.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../admin/admin.service.ts';
import * as admin from '../admin/admin.service.ts';
import * as upgrades from '../admin/upgrades.service.ts';
import type { Database } from '../db/schema.ts';

export type DemoNotification = { account: string; code: string; sku: string; targetSku: string; quantity: number; used: number };

const ACCOUNT = 'Acme Field Services';
const NOTIFIED = { sku: 'KF-EDGE', targetSku: 'KF-EDGE-6', quantity: 8 } as const;

export async function seedUpgradeDemo(db: Kysely<Database>, system: Actor, accountId: string, expiresOn: string): Promise<DemoNotification[]> {
	await admin.createProduct(db, system, { sku: NOTIFIED.targetSku, name: 'Keyfield Edge Gateway', version: '6.0' });
	const { code } = await upgrades.createNotification(db, system, { accountId, ...NOTIFIED, expiresOn });
	return [{ account: ACCOUNT, code, ...NOTIFIED, used: 0 }];
}

/** On a later start: the demo account's notifications that still have seats to upgrade. */
export async function demoNotifications(db: Kysely<Database>): Promise<DemoNotification[]> {
	const account = await db.selectFrom('accounts').select('id').where('name', '=', ACCOUNT).executeTakeFirst();
	if (!account) return [];
	const { notifications } = await upgrades.accountNotifications(db, account.id);
	return notifications.filter((n) => n.used < n.quantity).map((n) => ({ account: ACCOUNT, code: n.code, sku: n.sku, targetSku: n.targetSku, quantity: n.quantity, used: n.used }));
}
