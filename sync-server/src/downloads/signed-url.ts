/**
 * Short-lived download links: `/api/downloads/file?a=<artifact>&u=<user>&c=<account>&e=<expiry>&s=<HMAC>`. The
 * HMAC binds the artifact, the user it was signed for, the account whose license entitled them (for the journal)
 * and the expiry, so the browser's download manager or a service worker can fetch without cookies while nobody can
 * stretch, retarget or forge a link.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const LINK_TTL_SECONDS = 10 * 60;

export type DownloadGrant = { artifactId: string; userId: string; accountId: string; expires: number /* unix seconds */ };

function mac(secret: string, g: DownloadGrant): Buffer {
	return createHmac('sha256', secret).update(`kf-download-v1\n${g.artifactId}\n${g.userId}\n${g.accountId}\n${g.expires}`).digest();
}

export function signDownload(secret: string, grant: DownloadGrant): string {
	const q = new URLSearchParams({ a: grant.artifactId, u: grant.userId, c: grant.accountId, e: String(grant.expires), s: mac(secret, grant).toString('base64url') });
	return `/api/downloads/file?${q}`;
}

export type Verified = { ok: true; grant: DownloadGrant } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks the signature before the expiry, so a forged link never learns whether its time would have been valid. */
export function verifyDownload(secret: string, query: Record<string, string | undefined>, nowSeconds: number): Verified {
	const { a, u, c, e, s } = query;
	if (!a || !u || !c || !e || !s || !/^\d{1,12}$/.test(e)) return { ok: false, reason: 'invalid' };
	const grant = { artifactId: a, userId: u, accountId: c, expires: Number(e) };
	const given = Buffer.from(s, 'base64url');
	const expected = mac(secret, grant);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
	if (grant.expires < nowSeconds) return { ok: false, reason: 'expired' };
	return { ok: true, grant };
}
