import { describe, expect, it } from 'vitest';
import {
	base64urlDecode,
	base64urlEncode,
	keyIdFor,
	signLicenseKey,
	verifyLicenseKey,
	type LicenseKeyPayload,
	type PublicKeyEntry
} from './license-key.ts';

async function keyPair() {
	const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
	const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	const kid = await keyIdFor(raw);
	const entry: PublicKeyEntry = { kid, alg: 'Ed25519', publicKey: base64urlEncode(raw) };
	return { privateKey: pair.privateKey, entry };
}

const payload = (kid: string): LicenseKeyPayload => ({
	v: 1,
	kid,
	lic: '7b0f4a8e-2a4b-4c3e-9f0e-1d2c3b4a5f60',
	acct: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
	sku: 'KF-EDGE',
	ver: '5.2',
	seats: 25,
	maintEnd: '2027-06-30',
	iat: 1_790_000_000
});

describe('license key', () => {
	it('signs and verifies', async () => {
		const { privateKey, entry } = await keyPair();
		const key = await signLicenseKey(payload(entry.kid), privateKey);
		expect(key).toMatch(/^KF1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
		expect(await verifyLicenseKey(key, [entry])).toEqual({ valid: true, payload: payload(entry.kid) });
	});

	it('fails a tampered payload, a tampered signature, a foreign key and garbage', async () => {
		const { privateKey, entry } = await keyPair();
		const other = await keyPair();
		const key = await signLicenseKey(payload(entry.kid), privateKey);
		const [p, body, sig] = key.split('.') as [string, string, string];
		const forged = JSON.parse(new TextDecoder().decode(base64urlDecode(body)));
		forged.seats = 2500;
		const forgedBody = base64urlEncode(new TextEncoder().encode(JSON.stringify(forged)));
		expect((await verifyLicenseKey(`${p}.${forgedBody}.${sig}`, [entry])).valid).toBe(false);
		const flipped = sig.slice(0, 5) + (sig[5] === 'A' ? 'B' : 'A') + sig.slice(6);
		expect(await verifyLicenseKey(`${p}.${body}.${flipped}`, [entry])).toMatchObject({ valid: false, reason: 'bad_signature' });
		expect(await verifyLicenseKey(key, [{ ...other.entry, kid: entry.kid }])).toMatchObject({ valid: false });
		expect(await verifyLicenseKey(key, [other.entry])).toMatchObject({ valid: false, reason: 'unknown_kid' });
		for (const junk of ['', 'KF1', 'KF1.x.y', 'KF2.' + body + '.' + sig, '%%%.%%%.%%%'])
			expect(await verifyLicenseKey(junk, [entry])).toMatchObject({ valid: false, reason: 'malformed' });
	});
});
