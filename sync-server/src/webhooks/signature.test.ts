import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffMs } from './delivery-worker.ts';
import { signatureHeader, verifySignature } from './signature.ts';

describe('webhook signature', () => {
	const secret = 'whsec_test';
	const body = '{"id":"e1","type":"license.issued"}';

	it('is HMAC-SHA256 over "<t>.<body>" in hex, as the README documents', () => {
		const header = signatureHeader(secret, body, 1_800_000_000);
		const expected = createHmac('sha256', secret).update(`1800000000.${body}`).digest('hex');
		expect(header).toBe(`t=1800000000,v1=${expected}`);
	});

	it('verifies a fresh signature and refuses a changed body, another secret, an old time or a malformed header', () => {
		const now = 1_800_000_000_000;
		const header = signatureHeader(secret, body, now / 1000);
		expect(verifySignature(secret, body, header, { now })).toBe(true);
		expect(verifySignature(secret, body + ' ', header, { now })).toBe(false);
		expect(verifySignature('whsec_other', body, header, { now })).toBe(false);
		expect(verifySignature(secret, body, header, { now: now + 301_000 })).toBe(false);
		expect(verifySignature(secret, body, 'v1=abc', { now })).toBe(false);
		expect(verifySignature(secret, body, header.replace(/v1=../, 'v1=zz'), { now })).toBe(false);
	});
});

describe('webhook backoff', () => {
	it('doubles per attempt from the base, up to the cap, within ±20%', () => {
		expect([1, 2, 3, 4].map((a) => backoffMs(a, 30_000, 3_600_000, 0.5))).toEqual([30_000, 60_000, 120_000, 240_000]);
		expect(backoffMs(20, 30_000, 3_600_000, 0.5)).toBe(3_600_000);
		expect(backoffMs(1, 1000, 10_000, 0)).toBe(800);
		expect(backoffMs(1, 1000, 10_000, 1)).toBe(1200);
	});
});
