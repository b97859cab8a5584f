/**
 * Signing a download link (entitlement checked now, against the licenses of the user's accounts) and opening a
 * signed link (the signature is the authority; the link lives minutes). Both are journaled: who, what, when, IP.
 */
import { ErrorCode, entitlement, todayUtc } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { recordActivity } from '../db/activity.repository.ts';
import { findArtifact, licensesOfProduct } from '../db/releases.repository.ts';
import type { Database } from '../db/schema.ts';
import { scopeAccountIds } from '../db/scope.repository.ts';
import { AppError, notFound } from '../errors.ts';
import { LINK_TTL_SECONDS, signDownload, verifyDownload, type DownloadGrant } from './signed-url.ts';

type Db = Kysely<Database>;
type Who = { userId: string; ip: string | null };

const unknownArtifact = () => notFound('This file is no longer offered; sync and pick it again from Downloads.');

export async function signLink(db: Db, secret: string, who: Who, artifactId: string, now = new Date()) {
	const artifact = await findArtifact(db, artifactId);
	if (!artifact) throw unknownArtifact();
	const accounts = await scopeAccountIds(db, who.userId);
	const licenses = await licensesOfProduct(db, accounts, artifact.sku);
	const decision = entitlement({ sku: artifact.sku, publishedOn: artifact.published_on }, licenses, todayUtc(now));
	if (!decision.allowed) {
		const message =
			decision.reason === 'no_license'
				? `None of your accounts holds a license of ${artifact.sku}.`
				: `Maintenance of your ${artifact.sku} license ended on ${decision.maintenanceEnd}, before this release was published; renew maintenance to download it.`;
		throw new AppError(403, ErrorCode.notEntitled, message, decision.reason === 'no_license' ? { reason: decision.reason } : { reason: decision.reason, maintenanceEnd: decision.maintenanceEnd });
	}
	const expires = Math.floor(now.getTime() / 1000) + LINK_TTL_SECONDS;
	const grant: DownloadGrant = { artifactId, userId: who.userId, accountId: decision.accountId, expires };
	await recordActivity(db, { ...who, accountId: decision.accountId, action: 'download.link', details: { artifactId, sku: artifact.sku, version: artifact.release_version, fileName: artifact.file_name } });
	return { url: signDownload(secret, grant), expiresAt: new Date(expires * 1000).toISOString(), sha256: artifact.sha256, size: artifact.size };
}

/** The artifact a signed link names, once the link checks out. */
export async function openLink(db: Db, secret: string, query: Record<string, string | undefined>, now = new Date()) {
	const verified = verifyDownload(secret, query, Math.floor(now.getTime() / 1000));
	if (!verified.ok) {
		throw verified.reason === 'expired'
			? new AppError(410, ErrorCode.downloadLinkExpired, 'This download link has expired; start the download again from the app.')
			: new AppError(403, ErrorCode.downloadLinkInvalid, 'This download link is not valid; start the download again from the app.');
	}
	const artifact = await findArtifact(db, verified.grant.artifactId);
	if (!artifact) throw unknownArtifact();
	return { grant: verified.grant, artifact };
}

export async function journalDownload(db: Db, grant: DownloadGrant, ip: string | null, details: Record<string, unknown>) {
	await recordActivity(db, { userId: grant.userId, accountId: grant.accountId, ip, action: 'download.file', details: { artifactId: grant.artifactId, ...details } });
}
