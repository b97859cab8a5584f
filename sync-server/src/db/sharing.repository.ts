/**
 * SQL for sharing: share codes, the owner's and the recipient's rows of a share, and tombstones when a share ends.
 * Every query names the account it works in; the caller has authorised the user for it.
 */
import { makeCode } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { bumpAccountVersion } from './accounts.repository.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** Gives the account a share code: 60 random bits, so a collision (a unique violation) is not worth a retry path. */
export async function assignShareCode(db: Db, accountId: string): Promise<string> {
	const code = makeCode('share', crypto.getRandomValues(new Uint8Array(12)));
	const version = await bumpAccountVersion(db, accountId);
	await db.insertInto('share_codes').values({ account_id: accountId, version, code }).execute();
	return code;
}

/** Accounts made before share codes existed get theirs (customer, partner and oem accounts share licenses). */
export async function assignMissingShareCodes(db: Db): Promise<void> {
	const missing = await db
		.selectFrom('accounts')
		.leftJoin('share_codes', 'share_codes.account_id', 'accounts.id')
		.select('accounts.id')
		.where('share_codes.code', 'is', null)
		.where('accounts.kind', 'in', ['customer', 'partner', 'oem'])
		.execute();
	for (const { id } of missing) await assignShareCode(db, id);
}

export async function accountByShareCode(db: Db, code: string) {
	return db
		.selectFrom('share_codes')
		.innerJoin('accounts', 'accounts.id', 'share_codes.account_id')
		.select(['accounts.id', 'accounts.name'])
		.where('share_codes.code', '=', code)
		.executeTakeFirst();
}

export async function findShare(db: Db, licenseId: string, recipientAccountId: string) {
	return db
		.selectFrom('license_shares')
		.select('id')
		.where('license_id', '=', licenseId)
		.where('recipient_account_id', '=', recipientAccountId)
		.executeTakeFirst();
}

export type NewShare = { id: string; ownerAccountId: string; ownerVersion: number; licenseId: string; recipientAccountId: string; recipientVersion: number; sharedBy: string };

/** Both rows of a share. False when the share id is taken already (nothing is written then). */
export async function insertShare(db: Db, s: NewShare): Promise<boolean> {
	const owner = await db
		.insertInto('license_shares')
		.values({ id: s.id, account_id: s.ownerAccountId, version: s.ownerVersion, license_id: s.licenseId, recipient_account_id: s.recipientAccountId, shared_by: s.sharedBy })
		.onConflict((oc) => oc.column('id').doNothing())
		.returning('id')
		.executeTakeFirst();
	if (!owner) return false;
	await db
		.insertInto('shared_licenses')
		.values({ id: s.id, account_id: s.recipientAccountId, version: s.recipientVersion, license_id: s.licenseId, owner_account_id: s.ownerAccountId })
		.execute();
	return true;
}

/** The owner's row of a share, locked, when it is in that account. */
export async function lockShare(db: Db, shareId: string, ownerAccountId: string) {
	return db
		.selectFrom('license_shares')
		.select(['id', 'license_id', 'recipient_account_id'])
		.where('id', '=', shareId)
		.where('account_id', '=', ownerAccountId)
		.forUpdate()
		.executeTakeFirst();
}

/** Deletes both rows and leaves a tombstone in each account, so both sides' devices drop them. */
export async function deleteShare(db: Db, share: { id: string; ownerAccountId: string; ownerVersion: number; recipientAccountId: string; recipientVersion: number }): Promise<void> {
	await db.deleteFrom('shared_licenses').where('id', '=', share.id).where('account_id', '=', share.recipientAccountId).execute();
	await db.deleteFrom('license_shares').where('id', '=', share.id).where('account_id', '=', share.ownerAccountId).execute();
	await db
		.insertInto('tombstones')
		.values([
			{ account_id: share.ownerAccountId, version: share.ownerVersion, table_name: 'license_shares', row_id: share.id },
			{ account_id: share.recipientAccountId, version: share.recipientVersion, table_name: 'shared_licenses', row_id: share.id }
		])
		.execute();
}

/** The recipients' rows of a license's shares, so a change to the license can be sent to them. */
export async function sharesOfLicense(db: Db, licenseId: string) {
	return db.selectFrom('shared_licenses').select(['id', 'account_id']).where('license_id', '=', licenseId).execute();
}

/** Stamps a recipient's row with a new version of their account: their next pull reads the license again. */
export async function touchSharedLicense(db: Db, shareId: string, recipientAccountId: string, version: number): Promise<void> {
	await db.updateTable('shared_licenses').set({ version }).where('id', '=', shareId).where('account_id', '=', recipientAccountId).execute();
}

/** Whether any account the user is in holds a share of the license (then it is theirs to read, not to write). */
export async function isSharedWithAny(db: Db, licenseId: string, accountIds: readonly string[]): Promise<boolean> {
	if (accountIds.length === 0) return false;
	const row = await db.selectFrom('shared_licenses').select('id').where('license_id', '=', licenseId).where('account_id', 'in', accountIds).executeTakeFirst();
	return row !== undefined;
}
