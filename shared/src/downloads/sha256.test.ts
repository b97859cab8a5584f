import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sha256 } from './sha256.ts';

const node = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('incremental SHA-256', () => {
	it('matches the known vectors', () => {
		expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});
	it('matches node:crypto for any bytes cut into any chunks', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(600), { maxLength: 8 }), (bytes, cuts) => {
				const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
				const hasher = new Sha256();
				let from = 0;
				for (const p of [...points, bytes.length]) {
					hasher.update(bytes.subarray(from, p));
					from = p;
				}
				expect(hasher.hex()).toBe(node(bytes));
			}),
			{ numRuns: 300 }
		);
	});
});
