/**
 * The list of common and breached passwords (common-passwords.txt, shipped with the server, read once). A password
 * is refused when it is on the list, also after lower-casing and with trailing digits and symbols taken off
 * ("Password2024!" is "password").
 */
import { readFileSync } from 'node:fs';

let list: Set<string> | null = null;

function commonPasswords(): Set<string> {
	list ??= new Set(
		readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
			.split('\n')
			.filter((line) => line !== '' && !line.startsWith('#'))
	);
	return list;
}

export function commonPasswordCount(): number {
	return commonPasswords().size;
}

export function isCommonPassword(password: string): boolean {
	const lower = password.trim().toLowerCase();
	const base = lower.replace(/[\d\W_]+$/u, '');
	const squashed = lower.replace(/[\s\-_.]+/g, '');
	return [lower, base, squashed].some((candidate) => candidate.length > 0 && commonPasswords().has(candidate));
}
