/** Maintenance contracts (migration 0008): every read and write is scoped by account, except the vendor's own. */
import type { ContractRow } from '@keyfield/shared';
import type { Kysely, Selectable } from 'kysely';
import type { ContractPartner, ContractsTable } from './renewals.schema.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export type NewContract = {
	id: string;
	accountId: string;
	version: number;
	certificateId: string | null;
	licenseId: string | null;
	productId: string;
	productVersion: string;
	seats: number;
	startsOn: string;
	endsOn: string;
	channel: 'online' | 'partner';
	partner: ContractPartner | null;
	purchasedOn: string;
	proofRefs: string[];
};

export async function insertContract(db: Db, c: NewContract): Promise<void> {
	await db
		.insertInto('contracts')
		.values({
			id: c.id,
			account_id: c.accountId,
			version: c.version,
			certificate_id: c.certificateId,
			license_id: c.licenseId,
			product_id: c.productId,
			product_version: c.productVersion,
			seats: c.seats,
			starts_on: c.startsOn,
			ends_on: c.endsOn,
			channel: c.channel,
			partner: JSON.stringify(c.partner),
			purchased_on: c.purchasedOn,
			proof_refs: JSON.stringify(c.proofRefs)
		})
		.execute();
}

export type LockedContract = Selectable<ContractsTable> & { sku: string; product_name: string; renewal_cutoff_version: string | null };

function withProduct(db: Db) {
	return db
		.selectFrom('contracts')
		.innerJoin('products', 'products.id', 'contracts.product_id')
		.selectAll('contracts')
		.select(['products.sku', 'products.name as product_name', 'products.renewal_cutoff_version']);
}

/** The contract with its product, locked until commit (a request and a confirmation of one contract take turns). */
export async function lockContract(db: Db, id: string, accountId: string): Promise<LockedContract | undefined> {
	return withProduct(db).where('contracts.id', '=', id).where('contracts.account_id', '=', accountId).forUpdate('contracts').executeTakeFirst();
}

/** Several contracts of the account, locked in id order (so two requests naming the same contracts queue, never deadlock). */
export async function lockContracts(db: Db, ids: readonly string[], accountId: string): Promise<LockedContract[]> {
	return withProduct(db).where('contracts.id', 'in', ids).where('contracts.account_id', '=', accountId).orderBy('contracts.id').forUpdate('contracts').execute();
}

/** The contracts a co-term request names (pending, or already confirmed by it), locked in id order. */
export async function lockCotermContracts(db: Db, cotermId: string, accountId: string): Promise<LockedContract[]> {
	return withProduct(db)
		.where('contracts.account_id', '=', accountId)
		.where((eb) => eb.or([eb('contracts.pending_coterm_id', '=', cotermId), eb('contracts.last_coterm_id', '=', cotermId)]))
		.orderBy('contracts.id')
		.forUpdate('contracts')
		.execute();
}

export async function cotermAccount(db: Db, cotermId: string): Promise<string | undefined> {
	const row = await db
		.selectFrom('contracts')
		.select('account_id')
		.where((eb) => eb.or([eb('pending_coterm_id', '=', cotermId), eb('last_coterm_id', '=', cotermId)]))
		.executeTakeFirst();
	return row?.account_id;
}

export async function recordCotermRequest(
	db: Db,
	c: { ids: readonly string[]; accountId: string; version: number; cotermId: string; commonEnd: string; requestedOn: string; requestedBy: string }
): Promise<void> {
	await db
		.updateTable('contracts')
		.set({ version: c.version, pending_coterm_id: c.cotermId, pending_coterm_end: c.commonEnd, pending_coterm_on: c.requestedOn, pending_coterm_by: c.requestedBy })
		.where('id', 'in', c.ids)
		.where('account_id', '=', c.accountId)
		.execute();
}

export async function recordRenewalRequest(db: Db, c: { id: string; accountId: string; version: number; renewalId: string; requestedOn: string; requestedBy: string }): Promise<void> {
	await db
		.updateTable('contracts')
		.set({ version: c.version, pending_renewal_id: c.renewalId, pending_renewal_on: c.requestedOn, pending_renewal_by: c.requestedBy })
		.where('id', '=', c.id)
		.where('account_id', '=', c.accountId)
		.execute();
}

/**
 * A confirmed request's outcome: the new end (with the next certificate revision when the end moved), the pending
 * request cleared, and its id kept so that confirming it again is recognised and changes nothing.
 */
export async function settleRequest(
	db: Db,
	c: { id: string; accountId: string; version: number; endsOn: string; revised: boolean; kind: 'renewal' | 'coterm'; requestId: string; activationCode: string | null }
): Promise<void> {
	const cleared =
		c.kind === 'renewal'
			? { pending_renewal_id: null, pending_renewal_on: null, pending_renewal_by: null, last_renewal_id: c.requestId }
			: { pending_coterm_id: null, pending_coterm_end: null, pending_coterm_on: null, pending_coterm_by: null, last_coterm_id: c.requestId };
	await db
		.updateTable('contracts')
		.set((eb) => ({
			version: c.version,
			ends_on: c.endsOn,
			// A new revision comes with its own activation code; an unchanged one keeps the code it has.
			...(c.revised ? { revision: eb('revision', '+', 1), activation_code: c.activationCode } : {}),
			...cleared
		}))
		.where('id', '=', c.id)
		.where('account_id', '=', c.accountId)
		.execute();
}

/** The active licenses a contract covers: its one license, or every license registered from its certificate. */
export async function coveredLicenses(db: Db, contract: Pick<Selectable<ContractsTable>, 'account_id' | 'certificate_id' | 'license_id'>) {
	let query = db
		.selectFrom('licenses')
		.select(['id', 'account_id', 'sku', 'product_version', 'seats', 'host_id'])
		.where('account_id', '=', contract.account_id)
		.where('status', '=', 'active');
	query = contract.license_id ? query.where('id', '=', contract.license_id) : query.where('certificate_id', '=', contract.certificate_id);
	return query.orderBy('id').execute();
}

export async function setLicenseMaintenance(db: Db, l: { id: string; accountId: string; version: number; maintenanceEnd: string; key: string }): Promise<void> {
	await db
		.updateTable('licenses')
		.set({ version: l.version, maintenance_end: l.maintenanceEnd, key: l.key })
		.where('id', '=', l.id)
		.where('account_id', '=', l.accountId)
		.execute();
}

export async function setReminderLeads(db: Db, c: { id: string; accountId: string; version: number; leads: number[] | null }): Promise<void> {
	await db
		.updateTable('contracts')
		.set({ version: c.version, reminder_leads: c.leads === null ? null : JSON.stringify(c.leads) })
		.where('id', '=', c.id)
		.where('account_id', '=', c.accountId)
		.execute();
}

export async function setRenewalCutoff(db: Db, productId: string, cutoffVersion: string | null): Promise<void> {
	await db.updateTable('products').set({ renewal_cutoff_version: cutoffVersion }).where('id', '=', productId).execute();
}

/** Contracts of one product, by account, so a changed cutoff can be re-stamped in each account. */
export async function contractsOfProduct(db: Db, productId: string) {
	return db.selectFrom('contracts').select(['id', 'account_id']).where('product_id', '=', productId).orderBy('account_id').execute();
}

export async function stampContract(db: Db, id: string, accountId: string, version: number): Promise<void> {
	await db.updateTable('contracts').set({ version }).where('id', '=', id).where('account_id', '=', accountId).execute();
}

/** Every account's contracts with a renewal or co-term waiting for the vendor. */
export async function listPendingContracts(db: Db) {
	return withProduct(db)
		.where((eb) => eb.or([eb('contracts.pending_renewal_id', 'is not', null), eb('contracts.pending_coterm_id', 'is not', null)]))
		.orderBy('contracts.id')
		.execute();
}

export async function listContracts(db: Db, accountId: string) {
	return withProduct(db).where('contracts.account_id', '=', accountId).orderBy('contracts.ends_on').execute();
}

/** A contract row with its product as the synced `ContractRow` (without `version`, which the reader stamps). Not
 * `created_at`: a pull reads the row as JSON, where it is text. */
export function toContract(r: Omit<LockedContract, 'created_at'>): Omit<ContractRow, 'version'> {
	return {
		id: r.id,
		accountId: r.account_id,
		certificateId: r.certificate_id,
		licenseId: r.license_id,
		sku: r.sku,
		productName: r.product_name,
		productVersion: r.product_version,
		renewalCutoffVersion: r.renewal_cutoff_version,
		seats: r.seats,
		startsOn: r.starts_on,
		endsOn: r.ends_on,
		channel: r.channel,
		partner: r.partner,
		purchasedOn: r.purchased_on,
		proofRefs: r.proof_refs,
		revision: r.revision,
		pendingRenewal: r.pending_renewal_id ? { id: r.pending_renewal_id, requestedOn: r.pending_renewal_on!, requestedBy: r.pending_renewal_by! } : null,
		pendingCoterm: r.pending_coterm_id
			? { id: r.pending_coterm_id, commonEnd: r.pending_coterm_end!, requestedOn: r.pending_coterm_on!, requestedBy: r.pending_coterm_by! }
			: null,
		reminderLeads: r.reminder_leads,
		activationCode: r.activation_code
	};
}
