import { describe, expect, it } from 'vitest';
import { DomainName, InviteUserArgs, emailDomain } from './operations/members.ts';
import { passwordProblem } from './password-strength.ts';

describe('password rule', () => {
	it('wants 12 characters or a passphrase of four words, not the email, not one repeated character', () => {
		expect(passwordProblem('short')).toBe('too_short');
		expect(passwordProblem('elevenchars')).toBe('too_short');
		expect(passwordProblem('twelve chars')).toBeNull();
		expect(passwordProblem('red fox sky sun')).toBe(null); // 15 characters anyway
		expect(passwordProblem('go up my pc')).toBeNull(); // four words under 12 characters: a passphrase
		expect(passwordProblem('aaaaaaaaaaaaaaaa')).toBe('one_character');
		expect(passwordProblem('ababababababab')).toBe('one_character');
		expect(passwordProblem('my name is nuria.campos!', 'nuria.campos@acme.test')).toBe('contains_email');
		expect(passwordProblem('x'.repeat(1025))).toBe('too_long');
	});
});

describe('domains and invitation emails', () => {
	it('accepts host names of two labels or more, lower-cased; refuses anything else', () => {
		expect(DomainName.parse(' Acme.TEST ')).toBe('acme.test');
		expect(DomainName.parse('mail.acme-group.co.uk')).toBe('mail.acme-group.co.uk');
		for (const bad of ['localhost', 'a..b', '-a.com', 'a-.com', 'with space.com', 'acme.test.', '@acme.test', 'https://acme.test', 'acme.1']) {
			expect(DomainName.safeParse(bad).success, bad).toBe(false);
		}
	});

	it('takes the domain after the last @, and lower-cases invitation emails', () => {
		expect(emailDomain('Ana@Acme.Test')).toBe('acme.test');
		expect(emailDomain('nobody')).toBe('');
		const args = InviteUserArgs.parse({ invitationId: crypto.randomUUID(), accountId: crypto.randomUUID(), email: 'Ana@Acme.Test', role: 'member' });
		expect(args.email).toBe('ana@acme.test');
	});
});
