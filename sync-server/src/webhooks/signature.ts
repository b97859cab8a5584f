/**
 * The webhook signature: `Keyfield-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The time is signed with the body so a captured request cannot be replayed later; a receiver checks the HMAC in
 * constant time and that `t` is recent (5 minutes, `verifySignature`'s default tolerance).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Keyfield-Signature';

export function newWebhookSecret(): string {
	return 'whsec_' + randomBytes(32).toString('base64url');
}

export function signatureHeader(secret: string, body: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
	const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
	return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does (also the reference for vendors' own receivers). */
export function verifySignature(secret: string, body: string, header: string, { toleranceSeconds = 300, now = Date.now() } = {}): boolean {
	const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
	const t = Number(parts.get('t'));
	const v1 = parts.get('v1') ?? '';
	if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
	const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
	return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}
