/**
 * License keys (DESIGN §5): `KF1.<base64url(payload JSON)>.<base64url(Ed25519 signature over "KF1." + payload part)>`.
 * Uses WebCrypto only, so the same code verifies keys in Node, in the browser offline, and in vendors' products.
 */
import { z } from 'zod';

export const KEY_PREFIX = 'KF1';

export const LicenseKeyPayload = z.object({
	v: z.literal(1),
	kid: z.string().min(1),
	lic: z.string(),
	acct: z.string(),
	sku: z.string(),
	ver: z.string(),
	seats: z.number().int().positive(),
	maintEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	host: z.string().optional(),
	iat: z.number().int()
});
export type LicenseKeyPayload = z.infer<typeof LicenseKeyPayload>;

export const PublicKeyEntry = z.object({ kid: z.string(), alg: z.literal('Ed25519'), publicKey: z.string() });
export type PublicKeyEntry = z.infer<typeof PublicKeyEntry>;
export const PublicKeysResponse = z.object({ keys: z.array(PublicKeyEntry) });

export function base64urlEncode(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64urlDecode(text: string): Uint8Array<ArrayBuffer> {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
	const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
	const binary = atob(padded);
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	// atob ignores the unused low bits of the last character, so two texts could decode to one signature: accept only
	// the canonical text, so a key has exactly one spelling that verifies.
	if (base64urlEncode(out) !== text) throw new Error('not canonical base64url');
	return out;
}

const utf8 = new TextEncoder();

export async function signLicenseKey(payload: LicenseKeyPayload, privateKey: CryptoKey): Promise<string> {
	const body = `${KEY_PREFIX}.${base64urlEncode(utf8.encode(JSON.stringify(LicenseKeyPayload.parse(payload))))}`;
	const signature = await crypto.subtle.sign('Ed25519', privateKey, utf8.encode(body));
	return `${body}.${base64urlEncode(new Uint8Array(signature))}`;
}

export type KeyVerification =
	| { valid: true; payload: LicenseKeyPayload }
	| { valid: false; reason: 'malformed' | 'unknown_kid' | 'bad_signature'; payload?: LicenseKeyPayload };

export function importPublicKey(publicKey: string): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', base64urlDecode(publicKey), 'Ed25519', true, ['verify']);
}

/** Reads the payload without checking the signature (for display); `verifyLicenseKey` is the check. */
export function decodeLicenseKey(key: string): LicenseKeyPayload | null {
	const parts = key.trim().split('.');
	if (parts.length !== 3 || parts[0] !== KEY_PREFIX) return null;
	try {
		const json: unknown = JSON.parse(new TextDecoder().decode(base64urlDecode(parts[1]!)));
		const parsed = LicenseKeyPayload.safeParse(json);
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

export async function verifyLicenseKey(key: string, keys: readonly PublicKeyEntry[]): Promise<KeyVerification> {
	const payload = decodeLicenseKey(key);
	if (!payload) return { valid: false, reason: 'malformed' };
	const entry = keys.find((k) => k.kid === payload.kid);
	if (!entry) return { valid: false, reason: 'unknown_kid', payload };
	const [prefix, body, signature] = key.trim().split('.') as [string, string, string];
	try {
		const ok = await crypto.subtle.verify(
			'Ed25519',
			await importPublicKey(entry.publicKey),
			base64urlDecode(signature),
			utf8.encode(`${prefix}.${body}`)
		);
		return ok ? { valid: true, payload } : { valid: false, reason: 'bad_signature', payload };
	} catch {
		return { valid: false, reason: 'bad_signature', payload };
	}
}

/** A key id derived from the public key, so a rotated key never collides with an old one. */
export async function keyIdFor(publicKeyRaw: Uint8Array<ArrayBuffer>): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', publicKeyRaw));
	return base64urlEncode(digest.slice(0, 8));
}

/** The readable `.lic` file: a header people can read, then the key the product reads. */
export function licenseFileText(key: string, payload: LicenseKeyPayload, productName: string): string {
	return [
		'# Keyfield license file',
		`# Product: ${productName} (${payload.sku}) version ${payload.ver}`,
		`# License: ${payload.lic}`,
		`# Seats: ${payload.seats}`,
		`# Maintenance ends: ${payload.maintEnd}`,
		...(payload.host ? [`# Host: ${payload.host}`] : []),
		`# Issued: ${new Date(payload.iat * 1000).toISOString()}`,
		'',
		key,
		''
	].join('\n');
}

export function licenseFileName(payload: Pick<LicenseKeyPayload, 'sku' | 'lic'>): string {
	return `${payload.sku}-${payload.lic}.lic`;
}
