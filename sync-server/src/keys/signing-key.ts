/**
 * The Ed25519 key that signs license keys: KEYFIELD_SIGNING_KEY (base64url PKCS#8) when set, else generated once
 * into `<data dir>/signing-key` (mode 0600) and reused on every start. The private key is never logged.
 */
import { base64urlDecode, base64urlEncode, keyIdFor } from '@keyfield/shared';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Signer = { kid: string; privateKey: CryptoKey; publicKey: string };

export async function signerFromPkcs8(pkcs8: string): Promise<Signer> {
	const privateKey = await crypto.subtle.importKey('pkcs8', base64urlDecode(pkcs8.trim()), 'Ed25519', true, ['sign']);
	// WebCrypto cannot derive a public key from a private one directly; the JWK export carries it as `x`.
	const jwk = await crypto.subtle.exportKey('jwk', privateKey);
	if (!jwk.x) throw new Error('KEYFIELD_SIGNING_KEY is not an Ed25519 private key');
	const raw = base64urlDecode(jwk.x);
	return { kid: await keyIdFor(raw), privateKey, publicKey: jwk.x };
}

export async function generatePkcs8(): Promise<string> {
	const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
	return base64urlEncode(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
}

export async function loadSigner(options: { envKey?: string | undefined; dataDir: string }): Promise<Signer> {
	if (options.envKey) return signerFromPkcs8(options.envKey);
	const file = join(options.dataDir, 'signing-key');
	if (!existsSync(file)) {
		mkdirSync(options.dataDir, { recursive: true });
		// 'wx' fails if another process created it meanwhile; then we read theirs.
		try {
			writeFileSync(file, `${await generatePkcs8()}\n`, { mode: 0o600, flag: 'wx' });
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		}
	}
	return signerFromPkcs8(readFileSync(file, 'utf8'));
}
