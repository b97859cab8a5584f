/**
 * Vendor operations: accounts, users, products, certificates and delegations. Each runs in one transaction,
 * bumps the versions of the accounts whose synced rows it changes, and writes the journal. The demo seed uses
 * the same functions.
 */
import { ErrorCode, makeCode } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { hashPassword } from '../auth/passwords.ts';
import { POKE_CHANNEL, accountExists, bumpAccountVersion, findMembership, insertAccount, insertMembership } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { findProductBySku, insertCertificate, insertProduct } from '../db/catalog.repository.ts';
import type { Database } from '../db/schema.ts';
import { assignShareCode } from '../db/sharing.repository.ts';
import { isUniqueViolation } from '../db/transaction.ts';
import { findLiveDelegation, pokeAccount, revokeDelegation, upsertDelegation } from '../db/delegations.repository.ts';
import { findUserByEmail, insertUser } from '../db/users.repository.ts';
import { AppError, notFound } from '../errors.ts';
import type * as S from './admin.schemas.ts';

export type Actor = { userId: string | null; ip: string | null };
type Db = Kysely<Database>;

const conflict = (message: string) => new AppError(409, ErrorCode.conflict, message);

async function mustExist(db: Db, accountId: string, field: string): Promise<void> {
	if (!(await accountExists(db, accountId))) throw notFound(`No account ${accountId} (${field}).`);
}

/** The API creates customer, partner and oem accounts; the seed also makes the vendor's own. */
export type CreatableKind = z.output<typeof S.CreateAccountRequest>['kind'] | 'vendor';

export async function createAccount(db: Db, actor: Actor, input: { name: string; kind: CreatableKind }) {
	const id = crypto.randomUUID();
	await db.transaction().execute(async (tx) => {
		await insertAccount(tx, { id, ...input });
		if (input.kind !== 'vendor') await assignShareCode(tx, id);
		await recordActivity(tx, { ...actor, accountId: id, action: 'admin.account.create', details: input });
	});
	return { id };
}

/** Creates the user, or adds a membership when the email already has a user (the password is then ignored). */
export async function createUser(db: Db, actor: Actor, input: z.output<typeof S.CreateUserRequest> & { vendor?: boolean }) {
	await mustExist(db, input.accountId, 'accountId');
	const existing = await findUserByEmail(db, input.email);
	const passwordHash = existing ? null : await hashPassword(input.password);
	const id = existing?.id ?? crypto.randomUUID();
	await db.transaction().execute(async (tx) => {
		if (passwordHash) {
			const name = input.name ?? input.email.split('@')[0]!;
			await insertUser(tx, { id, email: input.email, name, passwordHash, vendor: input.vendor ?? false });
		} else if (await findMembership(tx, input.accountId, id)) {
			throw conflict(`${input.email} is already a member of this account.`);
		}
		await insertMembership(tx, { id: crypto.randomUUID(), accountId: input.accountId, userId: id, role: input.role });
		await recordActivity(tx, {
			...actor,
			accountId: input.accountId,
			action: existing ? 'admin.membership.create' : 'admin.user.create',
			details: { userId: id, email: input.email, role: input.role }
		});
	}).catch((err: unknown) => {
		// Two requests for one new email or membership at once: the loser sees what the winner made.
		throw isUniqueViolation(err) ? conflict(`${input.email} was just added by another request.`) : err;
	});
	return { id };
}

export async function createProduct(db: Db, actor: Actor, input: z.output<typeof S.CreateProductRequest>) {
	const id = crypto.randomUUID();
	await db.transaction().execute(async (tx) => {
		await insertProduct(tx, { id, ...input }).catch((err: unknown) => {
			throw isUniqueViolation(err) ? conflict(`A product with SKU ${input.sku} exists already.`) : err;
		});
		await recordActivity(tx, { ...actor, action: 'admin.product.create', details: { id, ...input } });
	});
	return { id };
}

export async function createCertificate(db: Db, actor: Actor, input: z.output<typeof S.CreateCertificateRequest>) {
	if (input.accountId !== null) await mustExist(db, input.accountId, 'accountId');
	const product = await findProductBySku(db, input.sku);
	if (!product) throw notFound(`No product with SKU ${input.sku}.`);
	const id = crypto.randomUUID();
	const serials = Array.from({ length: input.serialCount }, () => makeCode('serial', crypto.getRandomValues(new Uint8Array(16))));
	await db.transaction().execute(async (tx) => {
		const reference = input.reference ?? null;
		await insertCertificate(tx, { id, accountId: input.accountId, productId: product.id, quantity: input.quantity, maintenanceEnd: input.maintenanceEnd, reference, serials }).catch((err: unknown) => {
			throw isUniqueViolation(err, 'certificates_reference') ? conflict(`A certificate with reference ${reference} was issued before.`) : err;
		});
		await recordActivity(tx, { ...actor, accountId: input.accountId, action: 'admin.certificate.create', details: { id, sku: input.sku, quantity: input.quantity, serialCount: serials.length, reference } });
	});
	return { id, serials };
}

/**
 * Delegation changes scope: bumping the customer account makes its rows "new" to the partner's devices (they
 * backfill from 0) and stamps the synced delegation row; the NOTIFY on the partner account pokes its users so they
 * pull now. A revoked delegation of the same pair is revived (one row per customer and partner).
 */
export async function createDelegation(db: Db, actor: Actor, input: z.input<typeof S.CreateDelegationRequest>) {
	await mustExist(db, input.customerAccountId, 'customerAccountId');
	await mustExist(db, input.partnerAccountId, 'partnerAccountId');
	if (input.customerAccountId === input.partnerAccountId) throw conflict('An account cannot be delegated to itself.');
	return db.transaction().execute(async (tx) => {
		if (await findLiveDelegation(tx, input.customerAccountId, input.partnerAccountId)) throw conflict('This account is already delegated to that partner.');
		const version = await bumpAccountVersion(tx, input.customerAccountId);
		const { id } = await upsertDelegation(tx, { id: crypto.randomUUID(), ...input, scope: input.scope ?? 'manage', version, grantedBy: null });
		await pokeAccount(tx, input.partnerAccountId);
		await recordActivity(tx, { ...actor, accountId: input.customerAccountId, action: 'admin.delegation.create', details: { id, ...input } });
		return { id };
	});
}

export async function deleteDelegation(db: Db, actor: Actor, id: string) {
	await db.transaction().execute(async (tx) => {
		const row = await tx.selectFrom('delegations').select(['customer_account_id']).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
		if (!row) throw notFound(`No delegation ${id}.`);
		const version = await bumpAccountVersion(tx, row.customer_account_id);
		const revoked = await revokeDelegation(tx, { id, customerAccountId: row.customer_account_id, version });
		if (!revoked) throw notFound(`No delegation ${id}.`);
		await pokeAccount(tx, revoked.partnerAccountId);
		await recordActivity(tx, { ...actor, accountId: row.customer_account_id, action: 'admin.delegation.delete', details: { id, partnerAccountId: revoked.partnerAccountId } });
	});
	return { ok: true as const };
}

