/** The invitation mail: who invites you where, with which role, the single-use link and until when it works. */
import type { OutgoingMail } from '../mail/outbox.ts';

export const INVITATION_DAYS = 7;

export function invitationMail(input: { to: string; accountId: string; accountName: string; inviter: string; role: string; link: string; expiresAt: Date }): OutgoingMail {
	const until = input.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
	return {
		to: input.to,
		accountId: input.accountId,
		subject: `You are invited to ${input.accountName} on Keyfield`,
		text: [
			`${input.inviter} invites you to join ${input.accountName} on Keyfield as ${input.role === 'admin' ? 'an' : 'a'} ${input.role}.`,
			'',
			'Open this link to set your password and sign in (it works once):',
			input.link,
			'',
			`The link expires on ${until} UTC. If you did not expect this mail, ignore it.`
		].join('\n')
	};
}
