/**
 * The password rule for people who set their own (invitation acceptance): at least 12 characters, or a passphrase
 * of four words or more. Pure, so the device says it before sending; the server checks it again and also refuses
 * passwords on its list of common and breached ones (a data file on the server, too large for the app).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSPHRASE_WORDS = 4;
export const MAX_PASSWORD_LENGTH = 1024;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_email' | 'one_character';

export function passwordProblem(password: string, email = ''): PasswordProblem | null {
	if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
	const words = password.trim().split(/[\s\-_.]+/).filter((w) => w.length >= 2);
	if (password.length < MIN_PASSWORD_LENGTH && words.length < MIN_PASSPHRASE_WORDS) return 'too_short';
	if (new Set(password).size <= 2) return 'one_character';
	const local = email.split('@')[0]?.toLowerCase() ?? '';
	if (local.length >= 4 && password.toLowerCase().includes(local)) return 'contains_email';
	return null;
}
