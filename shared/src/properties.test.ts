// Property-based tests (fast-check) of every shared parser and schema: whatever a person types, a scanner reads or
// a client sends, they answer (never throw), and what they accept round-trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_KINDS, checkTypedGroups, describeCodeProblem, makeCode, parseCode, type CodeKind } from './codes.ts';
import { base64urlEncode, decodeLicenseKey, keyIdFor, signLicenseKey, verifyLicenseKey, type PublicKeyEntry } from './license-key.ts';
import { Operations } from './operations/index.ts';
import { LoginRequest } from './protocol/auth.ts';
import { Change, PullRequest, PullResponse } from './protocol/pull.ts';
import { PushRequest, PushResponse } from './protocol/push.ts';

const kinds = Object.keys(CODE_KINDS) as CodeKind[];
const kind = fc.constantFrom(...kinds);
const randomBytes = fc.uint8Array({ minLength: 64, maxLength: 64 });
// Text of every sort: unicode, look-alikes, separators, control characters.
const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.stringMatching(/^[0-9A-Za-z \-_.]{0,60}$/));

describe('codes (serials, vouchers, notification ids)', () => {
	it('parse and the typing check answer for any input, and a problem always has words', () => {
		fc.assert(
			fc.property(kind, anyText, (k, text) => {
				const parsed = parseCode(k, text);
				if (!parsed.ok) expect(describeCodeProblem(parsed.problem)).not.toBe('');
				checkTypedGroups(k, text);
			}),
			{ numRuns: 3000 }
		);
	});

	it('a generated code parses back to itself however it is typed: lower case, spaces, no dashes, no prefix, O for 0', () => {
		fc.assert(
			fc.property(kind, randomBytes, fc.constantFrom('lower', 'spaces', 'compact', 'noprefix', 'lookalikes'), (k, bytes, typing) => {
				const code = makeCode(k, bytes);
				const typed = {
					lower: code.toLowerCase(),
					spaces: code.replace(/-/g, ' '),
					compact: code.replace(/-/g, ''),
					noprefix: code.slice(2),
					lookalikes: code.replace(/0/g, 'O').replace(/1/g, 'l')
				}[typing];
				expect(parseCode(k, typed)).toEqual({ ok: true, code });
			}),
			{ numRuns: 2000 }
		);
	});

	it('a code of one kind is never accepted as another kind', () => {
		fc.assert(
			fc.property(kind, kind, randomBytes, (made, asked, bytes) => {
				fc.pre(made !== asked);
				expect(parseCode(asked, makeCode(made, bytes)).ok).toBe(false);
			})
		);
	});
});

describe('license keys', async () => {
	const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
	const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	const kid = await keyIdFor(raw);
	const keys: PublicKeyEntry[] = [{ kid, alg: 'Ed25519', publicKey: base64urlEncode(raw) }];
	const payload = fc.record({
		v: fc.constant(1 as const),
		kid: fc.constant(kid),
		lic: fc.uuid(),
		acct: fc.uuid(),
		sku: fc.stringMatching(/^[A-Z][A-Z0-9-]{1,15}$/),
		ver: fc.stringMatching(/^\d{1,2}\.\d{1,2}$/),
		seats: fc.integer({ min: 1, max: 1_000_000 }),
		maintEnd: fc.date({ min: new Date('2020-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
		iat: fc.integer({ min: 1_600_000_000, max: 4_000_000_000 })
	});

	it('every signed key verifies and decodes to its payload; any one changed character makes it invalid', async () => {
		await fc.assert(
			fc.asyncProperty(payload, fc.nat(), fc.constantFrom('A', 'b', '0', '_', '-'), async (p, at, replacement) => {
				const key = await signLicenseKey(p, pair.privateKey);
				expect((await verifyLicenseKey(key, keys)).valid).toBe(true);
				expect(decodeLicenseKey(key)).toEqual(p);
				const i = 4 + (at % (key.length - 4)); // past "KF1."
				fc.pre(key[i] !== replacement && key[i] !== '.');
				const tampered = key.slice(0, i) + replacement + key.slice(i + 1);
				expect((await verifyLicenseKey(tampered, keys)).valid).toBe(false);
			}),
			{ numRuns: 300 }
		);
	});

	it('the last character of the signature has one spelling only (no second text of the same signature verifies)', async () => {
		await fc.assert(
			fc.asyncProperty(payload, fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), async (p, last) => {
				const key = await signLicenseKey(p, pair.privateKey);
				fc.pre(key.at(-1) !== last);
				expect((await verifyLicenseKey(key.slice(0, -1) + last, keys)).valid).toBe(false);
			}),
			{ numRuns: 200 }
		);
	});

	it('decoding and verifying answer for any text (no throw, never valid)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(anyText, fc.string().map((s) => `KF1.${s}`), fc.tuple(anyText, anyText).map(([a, b]) => `KF1.${a}.${b}`)), async (text) => {
				decodeLicenseKey(text);
				expect((await verifyLicenseKey(text, keys)).valid).toBe(false);
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('protocol and operation schemas', () => {
	const schemas = { LoginRequest, PushRequest, PushResponse, PullRequest, PullResponse, Change, ...Operations };
	const hostile = fc.oneof(
		fc.jsonValue({ maxDepth: 6 }),
		fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
		fc.record({ protocolVersion: fc.anything(), clientId: fc.anything(), schemaVersion: fc.anything(), cursor: fc.anything(), mutations: fc.array(fc.anything(), { maxLength: 5 }) })
	);

	for (const [name, schema] of Object.entries(schemas)) {
		it(`${name}: safeParse answers for any value (success or issues, never a throw)`, () => {
			fc.assert(
				fc.property(hostile, (value) => {
					const result = schema.safeParse(value);
					if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
				}),
				{ numRuns: 500 }
			);
		});
	}
});
