/** Vendor side of Enterprise Flexible: create an agreement for an account, and read agreements with their usage. */
import { ErrorCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { accountExists } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { insertAgreement, listAgreements } from '../db/agreements.repository.ts';
import type { Database } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './admin.service.ts';
import type * as S from './enterprise.schemas.ts';

type Db = Kysely<Database>;

export async function createAgreement(db: Db, actor: Actor, input: z.output<typeof S.CreateAgreementRequest>) {
	if (!(await accountExists(db, input.accountId))) throw notFound(`No account ${input.accountId} (accountId).`);
	const skus = input.products.map((p) => p.sku);
	const known = new Set((await db.selectFrom('products').select('sku').where('sku', 'in', skus).execute()).map((r) => r.sku));
	const unknown = skus.filter((sku) => !known.has(sku));
	if (unknown.length > 0) throw new AppError(404, ErrorCode.notFound, `No product with SKU ${unknown.join(', ')}.`, { unknown });
	const id = crypto.randomUUID();
	await db.transaction().execute(async (tx) => {
		await insertAgreement(tx, { id, ...input });
		await recordActivity(tx, { ...actor, accountId: input.accountId, action: 'admin.agreement.create', details: { id, name: input.name, products: input.products } });
	});
	return { id };
}

export async function agreementsOf(db: Db, accountId: string) {
	if (!(await accountExists(db, accountId))) throw notFound(`No account ${accountId}.`);
	return { agreements: await listAgreements(db, accountId) };
}
