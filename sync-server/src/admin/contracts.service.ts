/**
 * Vendor operations on maintenance contracts. Each runs in one transaction, bumps the versions of the accounts
 * whose synced rows change (so their devices pull them) and writes the journal. The demo seed uses the same functions.
 */
import { ErrorCode, makeCode, renewedTerm, type ContractRow } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { accountExists, bumpAccountVersion } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { recordEvents } from '../db/webhook-events.repository.ts';
import { webhookEvent } from '../webhooks/events.ts';
import { findProductBySku } from '../db/catalog.repository.ts';
import * as contracts from '../db/contracts.repository.ts';
import type { Database } from '../db/schema.ts';
import { sharesOfLicense, touchSharedLicense } from '../db/sharing.repository.ts';
import { AppError, notFound } from '../errors.ts';
import type { Signer } from '../keys/signing-key.ts';
import { signLicense } from '../keys/sign-license.ts';
import type { Actor } from './admin.service.ts';
import type * as S from './contracts.schemas.ts';

type Db = Kysely<Database>;

/** What the contract covers, in the account: the certificate's product and quantity, or the license's. */
async function coverage(db: Db, input: z.output<typeof S.CreateContractRequest>) {
	if (input.certificateId) {
		const cert = await db.selectFrom('certificates').select(['product_id', 'quantity']).where('id', '=', input.certificateId).where('account_id', '=', input.accountId).executeTakeFirst();
		if (!cert) throw notFound(`No certificate ${input.certificateId} in account ${input.accountId}.`);
		return { productId: cert.product_id, seats: cert.quantity };
	}
	const license = await db.selectFrom('licenses').select(['sku', 'seats']).where('id', '=', input.licenseId!).where('account_id', '=', input.accountId).executeTakeFirst();
	if (!license) throw notFound(`No license ${input.licenseId} in account ${input.accountId}.`);
	const product = await findProductBySku(db, license.sku);
	if (!product) throw new Error(`license ${input.licenseId} names ${license.sku}, which is not in the catalog`);
	return { productId: product.id, seats: license.seats };
}

export async function createContract(db: Db, actor: Actor, input: z.output<typeof S.CreateContractRequest>) {
	if (!(await accountExists(db, input.accountId))) throw notFound(`No account ${input.accountId} (accountId).`);
	const covered = await coverage(db, input);
	const product = await db.selectFrom('products').select('product_version').where('id', '=', covered.productId).executeTakeFirstOrThrow();
	const id = crypto.randomUUID();
	await db.transaction().execute(async (tx) => {
		const version = await bumpAccountVersion(tx, input.accountId);
		await contracts.insertContract(tx, {
			id,
			accountId: input.accountId,
			version,
			certificateId: input.certificateId ?? null,
			licenseId: input.licenseId ?? null,
			productId: covered.productId,
			productVersion: input.productVersion ?? product.product_version,
			seats: input.seats ?? covered.seats,
			startsOn: input.startsOn,
			endsOn: input.endsOn,
			channel: input.channel,
			partner: input.channel === 'partner' ? (input.partner ?? null) : null,
			purchasedOn: input.purchasedOn,
			proofRefs: input.proofRefs
		});
		await recordActivity(tx, { ...actor, accountId: input.accountId, action: 'admin.contract.create', details: { id, ...input } });
	});
	return { id };
}

/** The code a customer types into the product to activate a new certificate revision (prefix R-, 80 random bits). */
const activationCode = () => makeCode('activation', crypto.getRandomValues(new Uint8Array(16)));

/**
 * A contract's new end reaches its licenses: every covered license gets a key signed with it, and the accounts a
 * license is shared with get their copy stamped (they read the license through it) so they pull the new end.
 */
async function resignCovered(tx: Db, signer: Signer, contract: contracts.LockedContract, endsOn: string, version: number): Promise<string[]> {
	const covered = await contracts.coveredLicenses(tx, contract);
	const accountId = contract.account_id;
	for (const l of covered) {
		const key = await signLicense(signer, { id: l.id, accountId, sku: l.sku, productVersion: l.product_version, seats: l.seats, maintenanceEnd: endsOn, hostId: l.host_id });
		await contracts.setLicenseMaintenance(tx, { id: l.id, accountId, version, maintenanceEnd: endsOn, key });
		for (const share of await sharesOfLicense(tx, l.id)) await touchSharedLicense(tx, share.id, share.account_id, await bumpAccountVersion(tx, share.account_id));
	}
	return covered.map((l) => l.id);
}

/**
 * Confirms a pending renewal (the payment arrived): the new end follows the grace rule of shared `renewedTerm`
 * from the day the request was recorded, the certificate revision goes up, and every covered license gets a key
 * signed with the new maintenance end. Confirming the same renewal again changes nothing and answers the same.
 */
export async function confirmRenewal(db: Db, signer: Signer, actor: Actor, id: string, input: z.output<typeof S.ConfirmRenewalRequest>) {
	const owner = await db.selectFrom('contracts').select('account_id').where('id', '=', id).executeTakeFirst();
	if (!owner) throw notFound(`No contract ${id}.`);
	const accountId = owner.account_id;
	return db.transaction().execute(async (tx) => {
		// The account's version first, then the contract's lock: the order `contract.renew` keeps.
		const version = await bumpAccountVersion(tx, accountId);
		const contract = (await contracts.lockContract(tx, id, accountId))!;
		if (contract.last_renewal_id === input.renewalId) {
			const licenseIds = (await contracts.coveredLicenses(tx, contract)).map((l) => l.id);
			return { id, renewalId: input.renewalId, endsOn: contract.ends_on, revision: contract.revision, activationCode: contract.activation_code, licenseIds };
		}
		if (contract.pending_renewal_id !== input.renewalId || contract.pending_renewal_on === null) {
			throw new AppError(409, ErrorCode.conflict, `Contract ${id} has no pending renewal ${input.renewalId}.`, { pendingRenewalId: contract.pending_renewal_id });
		}
		const term = renewedTerm(contract.ends_on, contract.pending_renewal_on, input.months);
		const code = activationCode();
		await contracts.settleRequest(tx, { id, accountId, version, endsOn: term.endsOn, revised: true, kind: 'renewal', requestId: input.renewalId, activationCode: code });
		const licenseIds = await resignCovered(tx, signer, contract, term.endsOn, version);
		const result = { id, renewalId: input.renewalId, endsOn: term.endsOn, revision: contract.revision + 1, activationCode: code, licenseIds };
		await recordEvents(tx, [webhookEvent('contract.confirmed', accountId, { contractId: id, accountId, kind: 'renewal', ...result, previousEndsOn: contract.ends_on })]);
		await recordActivity(tx, { ...actor, accountId, action: 'admin.contract.confirmRenewal', details: { ...result, previousEndsOn: contract.ends_on, startsOn: term.startsOn, months: input.months } });
		return result;
	});
}

/** Confirms a co-term request: each contract it names ends on the common date (a new revision, re-signed keys).
 * Confirming it again changes nothing and answers the same. */
export async function confirmCoterm(db: Db, signer: Signer, actor: Actor, cotermId: string) {
	const accountId = await contracts.cotermAccount(db, cotermId);
	if (!accountId) throw notFound(`No co-term request ${cotermId}.`);
	return db.transaction().execute(async (tx) => {
		const version = await bumpAccountVersion(tx, accountId);
		const named = await contracts.lockCotermContracts(tx, cotermId, accountId);
		const lines = [];
		const events = [];
		for (const c of named) {
			if (c.pending_coterm_id !== cotermId) {
				lines.push({ id: c.id, endsOn: c.ends_on, revision: c.revision });
				continue;
			}
			// The plan never shortened a contract; a renewal confirmed since may have moved an end past the common date.
			const endsOn = c.pending_coterm_end! > c.ends_on ? c.pending_coterm_end! : c.ends_on;
			const revised = endsOn !== c.ends_on;
			await contracts.settleRequest(tx, { id: c.id, accountId, version, endsOn, revised, kind: 'coterm', requestId: cotermId, activationCode: revised ? activationCode() : null });
			if (revised) await resignCovered(tx, signer, c, endsOn, version);
			const line = { id: c.id, endsOn, revision: revised ? c.revision + 1 : c.revision };
			lines.push(line);
			events.push(webhookEvent('contract.confirmed', accountId, { contractId: c.id, accountId, kind: 'coterm', cotermId, endsOn, revision: line.revision }));
		}
		const result = { cotermId, contracts: lines };
		await recordEvents(tx, events);
		await recordActivity(tx, { ...actor, accountId, action: 'admin.contract.confirmCoterm', details: result });
		return result;
	});
}

/** A product's renewal cutoff; every contract of it is re-stamped so devices judge renewals with the new cutoff. */
export async function setCutoff(db: Db, actor: Actor, input: z.output<typeof S.SetRenewalCutoffRequest>) {
	const product = await findProductBySku(db, input.sku);
	if (!product) throw notFound(`No product with SKU ${input.sku}.`);
	await db.transaction().execute(async (tx) => {
		await contracts.setRenewalCutoff(tx, product.id, input.cutoffVersion);
		const versions = new Map<string, number>();
		for (const c of await contracts.contractsOfProduct(tx, product.id)) {
			if (!versions.has(c.account_id)) versions.set(c.account_id, await bumpAccountVersion(tx, c.account_id));
			await contracts.stampContract(tx, c.id, c.account_id, versions.get(c.account_id)!);
		}
		await recordActivity(tx, { ...actor, accountId: null, action: 'admin.product.renewalCutoff', details: { ...input, contractAccounts: versions.size } });
	});
	return { ok: true as const };
}

export async function accountContracts(db: Db, accountId: string): Promise<{ contracts: Omit<ContractRow, 'version'>[] }> {
	return { contracts: (await contracts.listContracts(db, accountId)).map(contracts.toContract) };
}
