import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, timeStep } from './totp.ts';

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's key length; 8 digits.
const seeds = {
	sha1: Buffer.from('12345678901234567890'),
	sha256: Buffer.from('12345678901234567890123456789012'),
	sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234')
};
const vectors: [number, string, string, string][] = [
	[59, '94287082', '46119246', '90693936'],
	[1111111109, '07081804', '68084774', '25091201'],
	[1111111111, '14050471', '67062674', '99943326'],
	[1234567890, '89005924', '91819424', '93441116'],
	[2000000000, '69279037', '90698825', '38618901'],
	[20000000000, '65353130', '77737706', '47863826']
];

describe('TOTP (RFC 6238)', () => {
	for (const [seconds, sha1, sha256, sha512] of vectors) {
		it(`matches the RFC's codes at T=${seconds}`, () => {
			const step = timeStep(new Date(seconds * 1000));
			expect(hotp(seeds.sha1, step, 8, 'sha1')).toBe(sha1);
			expect(hotp(seeds.sha256, step, 8, 'sha256')).toBe(sha256);
			expect(hotp(seeds.sha512, step, 8, 'sha512')).toBe(sha512);
		});
	}

	it('accepts a code once, one step either side of now', () => {
		const secret = base32Encode(seeds.sha1);
		const at = new Date(1111111111 * 1000);
		const step = timeStep(at);
		const code = hotp(seeds.sha1, step);
		expect(matchTotp(secret, code, 0, at)).toBe(step);
		expect(matchTotp(secret, code, 0, new Date(at.getTime() + 30_000))).toBe(step);
		expect(matchTotp(secret, code, 0, new Date(at.getTime() + 90_000))).toBeNull();
		expect(matchTotp(secret, code, step, at)).toBeNull(); // already used
		expect(matchTotp(secret, 'abcdef', 0, at)).toBeNull();
	});

	it('round-trips base32 and builds an otpauth URI', () => {
		expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
		expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
		expect(otpauthUri('MZXW6YTBOI', 'ana@acme.test')).toBe('otpauth://totp/Keyfield%3Aana%40acme.test?secret=MZXW6YTBOI&issuer=Keyfield&algorithm=SHA1&digits=6&period=30');
	});
});
