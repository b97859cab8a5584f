/** Releases and their artifacts (catalog data) and the HMAC key of signed download URLs. */
import { CATALOG_ACCOUNT_ID, type ReleaseChannel } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { bumpAccountVersion } from './accounts.repository.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export type NewRelease = { id: string; sku: string; version: string; platform: string; channel: ReleaseChannel; notes: string; publishedOn: string };
export type NewArtifact = { id: string; releaseId: string; fileName: string; size: number; sha256: string; contentType: string };

export async function insertRelease(db: Db, release: NewRelease): Promise<void> {
	const version = await bumpAccountVersion(db, CATALOG_ACCOUNT_ID);
	await db
		.insertInto('releases')
		.values({
			id: release.id,
			account_id: CATALOG_ACCOUNT_ID,
			version,
			sku: release.sku,
			release_version: release.version,
			platform: release.platform,
			channel: release.channel,
			notes: release.notes,
			published_on: release.publishedOn
		})
		.execute();
}

export async function findRelease(db: Db, id: string) {
	return db.selectFrom('releases').select(['id', 'sku', 'published_on']).where('id', '=', id).executeTakeFirst();
}

/** Adds an artifact and re-stamps its release, so the release row (artifacts inside) syncs again. */
export async function insertArtifact(db: Db, artifact: NewArtifact): Promise<void> {
	const version = await bumpAccountVersion(db, CATALOG_ACCOUNT_ID);
	await db.updateTable('releases').set({ version }).where('id', '=', artifact.releaseId).execute();
	await db
		.insertInto('artifacts')
		.values({
			id: artifact.id,
			account_id: CATALOG_ACCOUNT_ID,
			release_id: artifact.releaseId,
			file_name: artifact.fileName,
			size: artifact.size,
			sha256: artifact.sha256,
			content_type: artifact.contentType
		})
		.execute();
}

/** An artifact with what entitlement needs of its release. */
export async function findArtifact(db: Db, id: string) {
	const row = await db
		.selectFrom('artifacts')
		.innerJoin('releases', 'releases.id', 'artifacts.release_id')
		.select([
			'artifacts.id',
			'artifacts.file_name',
			'artifacts.size',
			'artifacts.sha256',
			'artifacts.content_type',
			'releases.id as release_id',
			'releases.sku',
			'releases.release_version',
			'releases.published_on'
		])
		.where('artifacts.id', '=', id)
		.executeTakeFirst();
	return row && { ...row, size: Number(row.size) };
}

/** The licenses of one product held by the given accounts, as entitlement reads them. */
export async function licensesOfProduct(db: Db, accountIds: readonly string[], sku: string) {
	if (accountIds.length === 0) return [];
	const rows = await db
		.selectFrom('licenses')
		.select(['id', 'account_id', 'sku', 'maintenance_end', 'status'])
		.where('account_id', 'in', accountIds)
		.where('sku', '=', sku)
		.execute();
	return rows.map((r) => ({ id: r.id, accountId: r.account_id, sku: r.sku, maintenanceEnd: r.maintenance_end, status: r.status }));
}

/** The URL-signing key: made once by whichever process gets there first, then read by all. */
export async function downloadSecret(db: Db): Promise<string> {
	const fresh = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
	await db.insertInto('download_secrets').values({ id: 1, secret: fresh }).onConflict((oc) => oc.column('id').doNothing()).execute();
	const row = await db.selectFrom('download_secrets').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
	return row.secret;
}
