/** The real transport: nodemailer over SMTP_URL (smtp:// or smtps://, credentials in the URL, never logged). */
import nodemailer from 'nodemailer';
import type { MailTransport } from './sender.ts';

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
	const transporter = nodemailer.createTransport(smtpUrl);
	return {
		async send(mail) {
			await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
		},
		close: () => transporter.close()
	};
}

/** The SMTP URL without its credentials, for the start-up line. */
export function describeSmtpUrl(smtpUrl: string): string {
	try {
		const url = new URL(smtpUrl);
		return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
	} catch {
		return '(an unparseable SMTP_URL)';
	}
}
