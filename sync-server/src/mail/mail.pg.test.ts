// The mail outbox against a real database and a real SMTP server on loopback (smtp-server): mail queued in a
// rolled-back transaction never exists; the sender delivers through nodemailer, retries a temporary refusal with a
// delay, gives up on a permanent one; the development viewer shows mail to the right people only.
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { queueMail } from './outbox.ts';
import { MailSender, retryDelay } from './sender.ts';
import { smtpTransport } from './smtp-transport.ts';

let server: TestServer;
let smtp: SMTPServer;
let smtpPort: number;
const received: { to: string[]; data: string }[] = [];
/** Recipients the SMTP server refuses: 4xx for a while (temporary), 5xx for good. */
const refuse = new Map<string, number>();

beforeAll(async () => {
	server = await startTestServer();
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onRcptTo(address, _session, callback) {
			const code = refuse.get(address.address);
			if (!code) return callback();
			const err = Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: code });
			callback(err);
		},
		onData(stream, session, callback) {
			let data = '';
			stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
	await new Promise<void>((resolve) => smtp?.close(() => resolve()));
	await server?.close();
});

const statusOf = (to: string) => server.db.selectFrom('mail_outbox').select(['status', 'attempts', 'last_error', 'next_attempt_at']).where('to_address', '=', to).executeTakeFirstOrThrow();
const makeDue = (to: string) => server.db.updateTable('mail_outbox').set({ next_attempt_at: sql<Date>`now()` }).where('to_address', '=', to).execute();

describe('queueMail', () => {
	it('writes in the caller\'s transaction: a rolled-back change leaves no mail', async () => {
		await server.db.transaction().execute(async (tx) => queueMail(tx, { to: 'kept@acme.test', subject: 'Kept', text: 'kept', accountId: null }));
		await server.db
			.transaction()
			.execute(async (tx) => {
				await queueMail(tx, { to: 'gone@acme.test', subject: 'Gone', text: 'gone', accountId: null });
				throw new Error('the state change failed');
			})
			.catch(() => {});
		const rows = await server.db.selectFrom('mail_outbox').select('to_address').where('to_address', 'in', ['kept@acme.test', 'gone@acme.test']).execute();
		expect(rows.map((r) => r.to_address)).toEqual(['kept@acme.test']);
	});
});

describe('MailSender over SMTP', () => {
	it('delivers queued mail, retries a temporary refusal later, gives up on a permanent one; logs never hold the body', async () => {
		const logs: string[] = [];
		const sender = new MailSender(server.db, smtpTransport(`smtp://127.0.0.1:${smtpPort}`, 'Keyfield <no-reply@keyfield.test>'), { log: (l) => logs.push(l) });
		await server.db.deleteFrom('mail_outbox').execute();
		const secret = 'https://keyfield.example/invite/SECRET-TOKEN-123';
		await queueMail(server.db, { to: 'ok@acme.test', subject: 'Hello', text: `Your link: ${secret}`, accountId: null });
		await queueMail(server.db, { to: 'busy@acme.test', subject: 'Later', text: secret, accountId: null });
		await queueMail(server.db, { to: 'nobody@acme.test', subject: 'Never', text: secret, accountId: null });
		refuse.set('busy@acme.test', 451);
		refuse.set('nobody@acme.test', 550);

		expect(await sender.sendDue()).toBe(3);
		expect(received.find((r) => r.to.includes('ok@acme.test'))?.data).toContain('Your link:');
		expect(await statusOf('ok@acme.test')).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
		const busy = await statusOf('busy@acme.test');
		expect(busy).toMatchObject({ status: 'queued', attempts: 1 });
		expect(new Date(busy.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
		expect(await statusOf('nobody@acme.test')).toMatchObject({ status: 'failed', attempts: 1 });

		// Not due yet: nothing is tried. Once due and accepted, it goes.
		expect(await sender.sendDue()).toBe(0);
		refuse.delete('busy@acme.test');
		await makeDue('busy@acme.test');
		expect(await sender.sendDue()).toBe(1);
		expect(await statusOf('busy@acme.test')).toMatchObject({ status: 'sent', attempts: 2 });
		expect(logs.join('\n')).not.toContain('SECRET-TOKEN');
		await sender.stop();
	});

	it('backs off 30 s, 1 min, 2 min … at most an hour, and stops after the last attempt', () => {
		expect([1, 2, 3, 8].map((n) => retryDelay(n, false))).toEqual([30, 60, 120, null]);
		expect(retryDelay(7, false)).toBe(1920);
		expect(retryDelay(1, true)).toBeNull();
	});
});

describe('development mail viewer (/api/dev/mail)', () => {
	it('shows an admin their accounts\' mail, a vendor all of it, a technician none; off when SMTP is configured', async () => {
		const [admin, tech, vendor, globex] = await Promise.all(['admin@acme.test', 'tech@acme.test', 'vendor@keyfield.test', 'admin@globex.test'].map((e) => server.login(e)));
		const acme = await server.accountId(admin!, 'Acme Field Services');
		await queueMail(server.db, { to: 'viewer@acme.test', subject: 'For Acme', text: 'x', accountId: acme });
		const list = async (token: string) => ((await (await server.call('/api/dev/mail', { token })).json()) as { mail: { subject: string }[] }).mail.map((m) => m.subject);
		expect(await list(admin!)).toContain('For Acme');
		expect(await list(vendor!)).toContain('For Acme');
		expect(await list(tech!)).toEqual([]);
		expect(await list(globex!)).not.toContain('For Acme');
		expect((await server.call('/api/dev/mail')).status).toBe(401);

		const production = await startTestServer({ mailViewer: false });
		try {
			const res = await production.call('/api/dev/mail', { token: await production.login('vendor@keyfield.test') });
			expect(res.status).toBe(404);
		} finally {
			await production.close();
		}
	});
});
