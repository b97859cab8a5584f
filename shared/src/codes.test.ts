import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALPHABET, CODE_KINDS, type CodeKind, checkTypedGroups, makeCode, parseCode, normalizeCodeText } from './codes.ts';

const kinds = Object.keys(CODE_KINDS) as CodeKind[];

function sampleCodes(kind: CodeKind, n: number): string[] {
	const out: string[] = [];
	for (let i = 0; i < n; i++) out.push(makeCode(kind, crypto.getRandomValues(new Uint8Array(32))));
	return out;
}

describe('codes', () => {
	it.each(kinds)('round-trips %s codes through parse', (kind) => {
		for (const code of sampleCodes(kind, 200)) {
			expect(parseCode(kind, code)).toEqual({ ok: true, code });
			expect(parseCode(kind, code.toLowerCase().replace(/-/g, ' '))).toEqual({ ok: true, code });
		}
	});

	it('normalises look-alikes', () => {
		expect(normalizeCodeText('s-ol i ')).toBe('S011');
	});

	// Exhaustive over every position and every wrong character, for many codes of every kind.
	it.each(kinds)('catches every single-character substitution in %s codes', (kind) => {
		for (const code of sampleCodes(kind, 40)) {
			const body = code.slice(2).replace(/-/g, '');
			for (let i = 0; i < body.length; i++) {
				for (const ch of ALPHABET) {
					if (ch === body[i]) continue;
					const typo = body.slice(0, i) + ch + body.slice(i + 1);
					const result = parseCode(kind, typo);
					expect(result.ok, `${code} with ${ch} at ${i}`).toBe(false);
					if (!result.ok) expect(result.problem).toEqual({ reason: 'check', group: Math.floor(i / 5) + 1 });
				}
			}
		}
	});

	it.each(kinds)('catches every adjacent transposition in %s codes, across group boundaries too', (kind) => {
		for (const code of sampleCodes(kind, 200)) {
			const body = code.slice(2).replace(/-/g, '');
			for (let i = 0; i + 1 < body.length; i++) {
				if (body[i] === body[i + 1]) continue;
				const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
				expect(parseCode(kind, swapped).ok, `${code} swap ${i}`).toBe(false);
			}
		}
	});

	it('the quasigroup is totally anti-symmetric for every state and pair (the proof behind the two tests above)', () => {
		// (c∘x)∘y = (c∘y)∘x must imply x = y for all c, x, y in GF(32).
		const mul = (x: number) => ((x << 1) & 32 ? (x << 1) ^ 0b100101 : x << 1);
		const op = (c: number, d: number) => mul(c) ^ d;
		for (let c = 0; c < 32; c++)
			for (let x = 0; x < 32; x++)
				for (let y = 0; y < 32; y++) if (x !== y) expect(op(op(c, x), y)).not.toBe(op(op(c, y), x));
	});

	it('names the problem a person can act on', () => {
		const serial = makeCode('serial', new Uint8Array(32));
		expect(parseCode('serial', '')).toEqual({ ok: false, problem: { reason: 'empty' } });
		expect(parseCode('serial', serial.replace('S-', 'V-'))).toMatchObject({ ok: false, problem: { reason: 'wrong_kind' } });
		expect(parseCode('serial', serial.slice(0, -3))).toMatchObject({ ok: false, problem: { reason: 'length' } });
		expect(parseCode('serial', serial.slice(0, 8) + 'U' + serial.slice(9))).toEqual({
			ok: false,
			problem: { reason: 'character', group: 2, character: 'U' }
		});
		// a serial's groups never validate as a voucher's
		expect(parseCode('voucher', serial.slice(2)).ok).toBe(false);
	});

	it('names a wrong group while the rest is still being typed', () => {
		const serial = makeCode('serial', crypto.getRandomValues(new Uint8Array(32)));
		const twoGroups = serial.slice(0, 13); // "S-XXXXX-XXXXX"
		expect(checkTypedGroups('serial', twoGroups)).toEqual({ problem: null, groupsDone: 2 });
		expect(checkTypedGroups('serial', twoGroups.slice(2))).toEqual({ problem: null, groupsDone: 2 });
		const swapped = twoGroups.slice(0, 8) + twoGroups[9] + twoGroups[8] + twoGroups.slice(10);
		if (twoGroups[8] !== twoGroups[9]) expect(checkTypedGroups('serial', swapped).problem).toEqual({ reason: 'check', group: 2 });
	});

	it('never throws on arbitrary input', () => {
		fc.assert(fc.property(fc.string(), (s) => typeof parseCode('serial', s).ok === 'boolean' && checkTypedGroups('serial', s) !== undefined));
	});
});
