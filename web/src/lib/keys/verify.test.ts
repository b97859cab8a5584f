import { base64urlEncode, keyIdFor, signLicenseKey, type LicenseKeyPayload } from '@keyfield/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyfieldDb } from '../db/db.ts';
import type { FakeServer } from '../sync/testing/fake-server.ts';
import { ACME, browserFetch, seededServer, testDb } from '../sync/testing/fixtures.ts';
import { refreshPublicKeys } from './public-keys.ts';
import { verifyKeyOnDevice } from './verify.ts';

let server: FakeServer;
let db: KeyfieldDb;
let privateKey: CryptoKey;
let kid: string;

beforeEach(async () => {
	server = await seededServer();
	db = testDb();
	const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
	const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	privateKey = pair.privateKey;
	kid = await keyIdFor(raw);
	server.publicKeys = [{ kid, alg: 'Ed25519', publicKey: base64urlEncode(raw) }];
});
afterEach(() => server.stop());

function sign(overrides: Partial<LicenseKeyPayload> = {}): Promise<string> {
	const payload: LicenseKeyPayload = { v: 1, kid, lic: crypto.randomUUID(), acct: ACME, sku: 'KF-EDGE', ver: '5.2', seats: 1, maintEnd: '2027-12-31', iat: 1_790_000_000, ...overrides };
	return signLicenseKey(payload, privateKey);
}

describe('verifyKeyOnDevice', () => {
	it('verifies with keys fetched once and cached, then offline', async () => {
		const fetch = browserFetch(server);
		const key = await sign();
		expect(await verifyKeyOnDevice(key, db, fetch)).toMatchObject({ valid: true, payload: { kid, sku: 'KF-EDGE' } });
		await server.stop();
		expect(await verifyKeyOnDevice(await sign({ seats: 5 }), db, fetch)).toMatchObject({ valid: true, payload: { seats: 5 } });
	});

	it('catches a tampered key and a key id nobody published', async () => {
		const fetch = browserFetch(server);
		await refreshPublicKeys(db, fetch);
		const [prefix, body, signature] = (await sign()).split('.');
		const forged = JSON.parse(atob(body!.replace(/-/g, '+').replace(/_/g, '/'))) as LicenseKeyPayload;
		const tampered = `${prefix}.${base64urlEncode(new TextEncoder().encode(JSON.stringify({ ...forged, seats: 500 })))}.${signature}`;
		expect(await verifyKeyOnDevice(tampered, db, fetch)).toMatchObject({ valid: false, reason: 'bad_signature' });
		expect(await verifyKeyOnDevice(await sign({ kid: 'rotated-away' }), db, fetch)).toMatchObject({ valid: false, reason: 'unknown_kid' });
		expect(await verifyKeyOnDevice('not a key', db, fetch)).toEqual({ valid: false, reason: 'malformed' });
	});

	it('refreshes the cache only when it is older than a day', async () => {
		const fetch = browserFetch(server);
		const start = new Date('2026-11-22T10:00:00Z');
		await refreshPublicKeys(db, fetch, start);
		server.publicKeys = [];
		await refreshPublicKeys(db, fetch, new Date(start.getTime() + 60_000));
		expect(await verifyKeyOnDevice(await sign(), db, fetch)).toMatchObject({ valid: true });
		await refreshPublicKeys(db, fetch, new Date(start.getTime() + 25 * 3600_000));
		expect(await verifyKeyOnDevice(await sign(), db, fetch)).toMatchObject({ valid: false, reason: 'unknown_kid' });
	});
});
