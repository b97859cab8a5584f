import { signLicenseKey, verifyLicenseKey } from '@keyfield/shared';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePkcs8, loadSigner, signerFromPkcs8 } from './signing-key.ts';

const dir = mkdtempSync(join(tmpdir(), 'kf-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const payload = { v: 1 as const, lic: 'L', acct: 'A', sku: 'KF-EDGE', ver: '5.2', seats: 2, maintEnd: '2030-01-01', iat: 1 };

describe('signing key', () => {
	it('is generated once into the data dir with mode 0600, then reused', async () => {
		const first = await loadSigner({ envKey: undefined, dataDir: join(dir, 'data') });
		const file = join(dir, 'data', 'signing-key');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const second = await loadSigner({ envKey: undefined, dataDir: join(dir, 'data') });
		expect(second.kid).toBe(first.kid);
		expect(second.publicKey).toBe(first.publicKey);
		expect(readFileSync(file, 'utf8')).not.toContain(first.publicKey);
	});

	it('prefers KEYFIELD_SIGNING_KEY, and its keys verify with the published public key', async () => {
		const pkcs8 = await generatePkcs8();
		const signer = await loadSigner({ envKey: pkcs8, dataDir: join(dir, 'unused') });
		expect(signer.kid).toBe((await signerFromPkcs8(pkcs8)).kid);
		const key = await signLicenseKey({ ...payload, kid: signer.kid }, signer.privateKey);
		const keys = [{ kid: signer.kid, alg: 'Ed25519' as const, publicKey: signer.publicKey }];
		expect(await verifyLicenseKey(key, keys)).toMatchObject({ valid: true });
		const other = await signerFromPkcs8(await generatePkcs8());
		expect(await verifyLicenseKey(key, [{ ...keys[0]!, publicKey: other.publicKey }])).toMatchObject({ valid: false, reason: 'bad_signature' });
	});

	it('refuses a key that is not base64url PKCS#8 Ed25519', async () => {
		await expect(signerFromPkcs8('not a key')).rejects.toThrow();
	});
});
