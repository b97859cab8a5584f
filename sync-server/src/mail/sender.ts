/**
 * The sender loop: every few seconds it claims due mail (FOR UPDATE SKIP LOCKED, so processes share the work),
 * hands each to the transport, and marks it sent, or failed with a retry after a growing delay (30 s, 1 min, 2 min …
 * at most an hour), failed for good after MAX_ATTEMPTS or on a permanent SMTP refusal (5xx). Logs say which mail
 * and why, never its body: invitation mail carries a sign-up link.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { claimDueMail, markAttemptFailed, markSent, type MailRow } from './mail.repository.ts';

export interface MailTransport {
	send(mail: { to: string; subject: string; text: string }): Promise<void>;
	close?(): void;
}

export const MAX_ATTEMPTS = 8;

/** Seconds before the next try after `attempts` failed ones; null when there is none. */
export function retryDelay(attempts: number, permanent: boolean): number | null {
	if (permanent || attempts >= MAX_ATTEMPTS) return null;
	return Math.min(30 * 2 ** (attempts - 1), 3600);
}

/** SMTP's 5xx replies are permanent (no such mailbox, refused); everything else may pass later. */
function isPermanent(error: unknown): boolean {
	const code = (error as { responseCode?: unknown })?.responseCode;
	return typeof code === 'number' && code >= 500 && code < 600;
}

export class MailSender {
	#timer: NodeJS.Timeout | null = null;
	#running: Promise<number> | null = null;

	constructor(
		private readonly db: Kysely<Database>,
		private readonly transport: MailTransport,
		private readonly options: { intervalMs?: number; batch?: number; log?: (line: string) => void } = {}
	) {}

	start(): void {
		const tick = () => {
			void this.sendDue()
				.catch((err: unknown) => this.#log(`mail: sending round failed: ${err instanceof Error ? err.message : String(err)}`))
				.finally(() => {
					if (this.#timer) this.#timer = setTimeout(tick, this.options.intervalMs ?? 5000).unref();
				});
		};
		this.#timer = setTimeout(tick, 0).unref();
	}

	async stop(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#running?.catch(() => 0);
		this.transport.close?.();
	}

	/** One round: sends what is due now; returns how many were tried. Rounds never overlap within a process. */
	sendDue(): Promise<number> {
		this.#running ??= this.#round().finally(() => (this.#running = null));
		return this.#running;
	}

	async #round(): Promise<number> {
		return this.db.transaction().execute(async (tx) => {
			const due = await claimDueMail(tx, this.options.batch ?? 20);
			for (const mail of due) await this.#deliver(tx, mail);
			return due.length;
		});
	}

	async #deliver(tx: Kysely<Database>, mail: MailRow): Promise<void> {
		try {
			await this.transport.send({ to: mail.to_address, subject: mail.subject, text: mail.body });
			await markSent(tx, mail.id);
		} catch (err) {
			const reason = err instanceof Error ? err.message : String(err);
			const retry = retryDelay(mail.attempts + 1, isPermanent(err));
			await markAttemptFailed(tx, mail.id, reason, retry);
			this.#log(`mail ${mail.id}: attempt ${mail.attempts + 1} failed (${reason.slice(0, 200)}); ${retry === null ? 'given up' : `retry in ${retry} s`}`);
		}
	}

	#log(line: string): void {
		(this.options.log ?? console.warn)(line);
	}
}
