/**
 * Vendor operations on upgrade notifications. Creating one bumps the account's version (the row syncs to its
 * devices) and writes the journal, in one transaction. The demo seed uses the same function.
 */
import { ErrorCode, makeCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { accountExists } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { findProductBySku } from '../db/catalog.repository.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/transaction.ts';
import { insertNotification, listNotifications } from '../db/upgrades.repository.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './admin.service.ts';
import type * as S from './upgrades.schemas.ts';

type Db = Kysely<Database>;

// 60 random bits per code: a collision is rare, and then a fresh code is drawn.
const CODE_ATTEMPTS = 3;

export async function createNotification(db: Db, actor: Actor, input: z.output<typeof S.CreateNotificationRequest>) {
	if (!(await accountExists(db, input.accountId))) throw notFound(`No account ${input.accountId} (accountId).`);
	const [product, target] = await Promise.all([findProductBySku(db, input.sku), findProductBySku(db, input.targetSku)]);
	if (!product) throw notFound(`No product with SKU ${input.sku}.`);
	if (!target) throw notFound(`No product with SKU ${input.targetSku} (targetSku): add the new version to the catalog first.`);
	if (product.sku === target.sku) throw new AppError(409, ErrorCode.conflict, 'The target product must be another product (the new version).');
	for (let attempt = 1; ; attempt++) {
		const id = crypto.randomUUID();
		const code = makeCode('notification', crypto.getRandomValues(new Uint8Array(12)));
		try {
			await db.transaction().execute(async (tx) => {
				await insertNotification(tx, { id, code, ...input });
				await recordActivity(tx, { ...actor, accountId: input.accountId, action: 'admin.upgradeNotification.create', details: { id, code, ...input } });
			});
			return { id, code };
		} catch (err) {
			if (attempt >= CODE_ATTEMPTS || !isUniqueViolation(err)) throw err;
		}
	}
}

export async function accountNotifications(db: Db, accountId: string) {
	const rows = await listNotifications(db, accountId);
	return {
		notifications: rows.map((r) => ({ id: r.id, code: r.code, sku: r.sku, targetSku: r.target_sku, quantity: r.quantity, used: r.used, expiresOn: r.expires_on }))
	};
}
