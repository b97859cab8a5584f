// License keys verified on the device with the public keys the real server publishes at /api/keys.
import { base64urlEncode, decodeLicenseKey, keyIdFor, signLicenseKey, type LicenseKeyPayload } from '@keyfield/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publishPublicKey } from '../../sync-server/src/keys/keys.routes.ts';
import { generatePkcs8, signerFromPkcs8 } from '../../sync-server/src/keys/signing-key.ts';
import { enqueue } from '../../web/src/lib/ops/enqueue.ts';
import { cachedPublicKeys, refreshPublicKeys } from '../../web/src/lib/keys/public-keys.ts';
import { verifyKeyOnDevice } from '../../web/src/lib/keys/verify.ts';
import { newDevice, registration, signIn, testEngine, type Device } from './support/device.ts';
import { RealServer, type Workspace } from './support/server.ts';

let server: RealServer;
let device: Device;
let ws: Workspace;

beforeAll(async () => {
	server = await RealServer.start();
});
afterAll(() => server?.close());
beforeEach(async () => {
	ws = await server.workspace();
	device = newDevice(server);
});
afterEach(() => device.db.close());

/** Keys the server issued through "Get a key", as the device received them in a pull. */
async function issuedKeys(count: number): Promise<string[]> {
	await signIn(device, ws.email);
	for (let i = 0; i < count; i++) {
		const serial = await server.freeSerial(ws.accountId);
		await enqueue('license.requestKey', { licenseId: crypto.randomUUID(), accountId: ws.accountId, serial, registration }, device.db);
	}
	await testEngine(device).engine.sync();
	return (await device.db.licenses.toArray()).map((license) => license.key);
}

function tamper(key: string, change: Partial<LicenseKeyPayload>): string {
	const [prefix, , signature] = key.split('.');
	const payload = { ...decodeLicenseKey(key)!, ...change };
	return `${prefix}.${base64urlEncode(new TextEncoder().encode(JSON.stringify(payload)))}.${signature}`;
}

describe('verifyKeyOnDevice', () => {
	it('verifies with keys fetched once and cached, then offline', async () => {
		const [first, second] = await issuedKeys(2);
		const before = device.sent.length;
		expect(await verifyKeyOnDevice(first!, device.db, device.fetch)).toMatchObject({ valid: true, payload: { kid: server.harness.signer.kid, sku: 'KF-EDGE', acct: ws.accountId } });
		expect(device.sent.slice(before).map((s) => s.path)).toEqual(['/api/keys']);
		device.network.down = true;
		expect(await verifyKeyOnDevice(second!, device.db, device.fetch)).toMatchObject({ valid: true });
	});

	it('catches a tampered key and a key id nobody published', async () => {
		const [key] = await issuedKeys(1);
		await refreshPublicKeys(device.db, device.fetch);
		expect(await verifyKeyOnDevice(tamper(key!, { seats: 500 }), device.db, device.fetch)).toMatchObject({ valid: false, reason: 'bad_signature' });

		const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
		const kid = await keyIdFor(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
		const forged = await signLicenseKey({ ...decodeLicenseKey(key!)!, kid }, pair.privateKey);
		expect(await verifyKeyOnDevice(forged, device.db, device.fetch)).toMatchObject({ valid: false, reason: 'unknown_kid' });
		expect(await verifyKeyOnDevice('not a key', device.db, device.fetch)).toEqual({ valid: false, reason: 'malformed' });
	});

	it('refreshes the cache only when it is older than a day', async () => {
		const start = new Date('2026-11-22T10:00:00Z');
		await refreshPublicKeys(device.db, device.fetch, start);
		const kids = async () => (await cachedPublicKeys(device.db)).map((key) => key.kid).sort();
		expect(await kids()).toEqual([server.harness.signer.kid]);
		// A rotation: a server process starts with a new signing key and publishes it.
		const rotated = await signerFromPkcs8(await generatePkcs8());
		await publishPublicKey(server.db, rotated);
		await refreshPublicKeys(device.db, device.fetch, new Date(start.getTime() + 60_000));
		expect(await kids()).toEqual([server.harness.signer.kid]);
		await refreshPublicKeys(device.db, device.fetch, new Date(start.getTime() + 25 * 3600_000));
		expect(await kids()).toEqual([server.harness.signer.kid, rotated.kid].sort());
	});
});
