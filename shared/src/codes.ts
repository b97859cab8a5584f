/**
 * Serial numbers, voucher codes and upgrade notification ids (DESIGN §5).
 *
 * A code is a kind prefix (`S-`, `V-`, `N-`) and groups of five Crockford base32 characters. Every group ends in
 * its own check character, so a typo is caught *and* the message can say which group is wrong. The check is a
 * Damm check over the quasigroup x∘y = a·x ⊕ y in GF(32) (a ∉ {0,1}), which is totally anti-symmetric: it
 * catches every single-character substitution and every adjacent transposition, including one across a group
 * boundary (both groups change). Each group's check starts from the kind and the group's position, so a serial
 * never validates as a voucher and groups cannot be reordered unnoticed.
 */

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GF_POLY = 0b100101; // x^5 + x^2 + 1, irreducible over GF(2)
const A = 2; // the multiplier "x"; any element other than 0 and 1 works

export const CODE_KINDS = {
	serial: { prefix: 'S', groups: 4 },
	voucher: { prefix: 'V', groups: 4 }, // 4 groups x 4 random characters = 80 random bits
	notification: { prefix: 'N', groups: 3 },
	share: { prefix: 'A', groups: 3 }, // an account's share code: what a recipient gives to the license's owner
	activation: { prefix: 'R', groups: 4 } // issued with a confirmed renewal's certificate revision, typed into the product
} as const;
export type CodeKind = keyof typeof CODE_KINDS;

const GROUP = 5;
const DATA_PER_GROUP = GROUP - 1;

function mulA(x: number): number {
	const y = x << 1;
	return y & 0b100000 ? y ^ GF_POLY : y;
}

function step(interim: number, digit: number): number {
	return mulA(interim) ^ digit;
}

function startState(kind: CodeKind, groupIndex: number): number {
	return step(step(0, ALPHABET.indexOf(CODE_KINDS[kind].prefix)), groupIndex + 1);
}

/** The check character that makes the group's Damm sum zero. */
export function checkCharacter(kind: CodeKind, groupIndex: number, data: string): string {
	let interim = startState(kind, groupIndex);
	for (const ch of data) interim = step(interim, ALPHABET.indexOf(ch));
	// interim∘c = a·interim ⊕ c = 0  ⇔  c = a·interim (characteristic 2)
	return ALPHABET[mulA(interim)]!;
}

function groupIsValid(kind: CodeKind, groupIndex: number, group: string): boolean {
	let interim = startState(kind, groupIndex);
	for (const ch of group) interim = step(interim, ALPHABET.indexOf(ch));
	return interim === 0;
}

/** Builds a code from random bytes (one byte per data character; only the low 5 bits are used). */
export function makeCode(kind: CodeKind, random: Uint8Array): string {
	const { prefix, groups } = CODE_KINDS[kind];
	if (random.length < groups * DATA_PER_GROUP) throw new Error('not enough random bytes');
	const parts: string[] = [];
	for (let g = 0; g < groups; g++) {
		let data = '';
		for (let i = 0; i < DATA_PER_GROUP; i++) data += ALPHABET[random[g * DATA_PER_GROUP + i]! & 31];
		parts.push(data + checkCharacter(kind, g, data));
	}
	return `${prefix}-${parts.join('-')}`;
}

export type CodeProblem =
	| { reason: 'empty' }
	| { reason: 'wrong_kind'; expected: string; found: string }
	| { reason: 'length'; expectedGroups: number; found: number }
	| { reason: 'character'; group: number; character: string }
	| { reason: 'check'; group: number };

export type CodeCheck = { ok: true; code: string } | { ok: false; problem: CodeProblem };

const SEPARATORS = /[\s\-_.–—]+/g;

/** Upper-cases, drops separators and maps the look-alikes Crockford allows (O→0, I/L→1). */
export function normalizeCodeText(input: string): string {
	return input
		.toUpperCase()
		.replace(SEPARATORS, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
}

/**
 * Normalises and checks a typed or scanned code. Groups are numbered from 1 in problems, as a person counts them.
 * The prefix is optional when typing: "s1234…" and "S-1234-…" both work.
 */
export function parseCode(kind: CodeKind, input: string): CodeCheck {
	const { prefix, groups } = CODE_KINDS[kind];
	let body = normalizeCodeText(input);
	if (body === '') return { ok: false, problem: { reason: 'empty' } };
	const expectedLength = groups * GROUP;
	if (body.length === expectedLength + 1) {
		const found = body[0]!;
		if (found !== prefix) return { ok: false, problem: { reason: 'wrong_kind', expected: prefix, found } };
		body = body.slice(1);
	}
	for (let i = 0; i < body.length; i++) {
		const ch = body[i]!;
		if (!ALPHABET.includes(ch)) {
			return { ok: false, problem: { reason: 'character', group: Math.floor(i / GROUP) + 1, character: ch } };
		}
	}
	if (body.length !== expectedLength) {
		return { ok: false, problem: { reason: 'length', expectedGroups: groups, found: Math.ceil(body.length / GROUP) } };
	}
	const parts: string[] = [];
	for (let g = 0; g < groups; g++) {
		const group = body.slice(g * GROUP, (g + 1) * GROUP);
		if (!groupIsValid(kind, g, group)) return { ok: false, problem: { reason: 'check', group: g + 1 } };
		parts.push(group);
	}
	return { ok: true, code: `${prefix}-${parts.join('-')}` };
}

/**
 * While a code is still being typed: the first complete group whose check character is wrong, so a typo is named
 * the moment its group is finished rather than only at the end; `problem` is null while nothing typed looks wrong.
 */
export function checkTypedGroups(kind: CodeKind, input: string): { problem: CodeProblem | null; groupsDone: number } {
	const { prefix, groups } = CODE_KINDS[kind];
	let body = normalizeCodeText(input);
	// A leading prefix letter counts as the prefix only when it was typed as one ("S-…", "S …") or the code is complete.
	const typedPrefix = new RegExp(`^\\s*${prefix}\\s*[-_.\\s–—]`, 'i').test(input) || body.length === groups * GROUP + 1;
	if (typedPrefix && body.startsWith(prefix)) body = body.slice(1);
	const complete = Math.min(groups, Math.floor(body.length / GROUP));
	for (let g = 0; g < complete; g++) {
		const group = body.slice(g * GROUP, (g + 1) * GROUP);
		for (const ch of group) if (!ALPHABET.includes(ch)) return { problem: { reason: 'character', group: g + 1, character: ch }, groupsDone: g };
		if (!groupIsValid(kind, g, group)) return { problem: { reason: 'check', group: g + 1 }, groupsDone: g };
	}
	return { problem: null, groupsDone: complete };
}

/** Plain-English text for a problem; the web app has its own translated messages keyed by `reason`. */
export function describeCodeProblem(problem: CodeProblem): string {
	switch (problem.reason) {
		case 'empty':
			return 'Enter the code.';
		case 'wrong_kind':
			return `This code starts with ${problem.found}-, expected ${problem.expected}-.`;
		case 'length':
			return `Expected ${problem.expectedGroups} groups of 5 characters.`;
		case 'character':
			return `Group ${problem.group} has a character that is never used: "${problem.character}".`;
		case 'check':
			return `Group ${problem.group} looks wrong: check it against the certificate.`;
	}
}
