/** Proof-of-purchase uploads (migration 0011): every read and write names the account, except the vendor's by contract. */
import type { Kysely, Selectable } from 'kysely';
import type { ProofUploadsTable } from './renewals.schema.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;
export type ProofUpload = Selectable<ProofUploadsTable>;

export async function findUpload(db: Db, id: string): Promise<ProofUpload | undefined> {
	return db.selectFrom('proof_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The upload of these bytes for this contract, whichever id it was started with. */
export async function findSameBytes(db: Db, accountId: string, contractId: string, sha256: string): Promise<ProofUpload | undefined> {
	return db.selectFrom('proof_uploads').selectAll().where('account_id', '=', accountId).where('contract_id', '=', contractId).where('sha256', '=', sha256).executeTakeFirst();
}

/** Locked until commit: chunks of one upload are appended one at a time, whichever process receives them. */
export async function lockUpload(db: Db, id: string): Promise<ProofUpload | undefined> {
	return db.selectFrom('proof_uploads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertUpload(
	db: Db,
	u: { id: string; accountId: string; contractId: string; renewalId: string; userId: string; fileName: string; contentType: string; size: number; sha256: string }
): Promise<void> {
	await db
		.insertInto('proof_uploads')
		.values({ id: u.id, account_id: u.accountId, contract_id: u.contractId, renewal_id: u.renewalId, user_id: u.userId, file_name: u.fileName, content_type: u.contentType, size: u.size, sha256: u.sha256 })
		.onConflict((oc) => oc.doNothing()) // a racing start of the same upload (by id, or the same bytes) keeps the first
		.execute();
}

export async function appendChunk(db: Db, c: { uploadId: string; accountId: string; start: number; bytes: Uint8Array; received: number }): Promise<void> {
	await db.insertInto('proof_chunks').values({ upload_id: c.uploadId, account_id: c.accountId, start: c.start, bytes: c.bytes }).execute();
	await db.updateTable('proof_uploads').set({ received: c.received }).where('id', '=', c.uploadId).where('account_id', '=', c.accountId).execute();
}

export async function completeUpload(db: Db, id: string, accountId: string): Promise<void> {
	await db.updateTable('proof_uploads').set({ completed_at: new Date() }).where('id', '=', id).where('account_id', '=', accountId).execute();
}

/** Back to nothing received: the bytes did not hash to what the upload named. */
export async function resetUpload(db: Db, id: string, accountId: string): Promise<void> {
	await db.deleteFrom('proof_chunks').where('upload_id', '=', id).where('account_id', '=', accountId).execute();
	await db.updateTable('proof_uploads').set({ received: 0 }).where('id', '=', id).where('account_id', '=', accountId).execute();
}

/** The upload's bytes in order (at most 10 MB: read whole). */
export async function uploadChunks(db: Db, id: string, accountId: string): Promise<Uint8Array[]> {
	const rows = await db.selectFrom('proof_chunks').select('bytes').where('upload_id', '=', id).where('account_id', '=', accountId).orderBy('start').execute();
	return rows.map((r) => r.bytes);
}

export async function contractUploads(db: Db, contractId: string, accountId: string) {
	return db
		.selectFrom('proof_uploads')
		.innerJoin('users', 'users.id', 'proof_uploads.user_id')
		.selectAll('proof_uploads')
		.select('users.email')
		.where('proof_uploads.contract_id', '=', contractId)
		.where('proof_uploads.account_id', '=', accountId)
		.orderBy('proof_uploads.created_at')
		.execute();
}
