/**
 * The mail outbox: mail is a row written in the caller's transaction, so a mail exists if and only if the state
 * change it tells about committed. The sender loop (sender.ts) delivers it later; without SMTP it stays here for the
 * development mail viewer (mail.routes.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	accountId: string | null;
}

export async function queueMail(db: Kysely<Database> | Transaction<Database>, mail: OutgoingMail): Promise<void> {
	await db
		.insertInto('mail_outbox')
		.values({ account_id: mail.accountId, to_address: mail.to, subject: mail.subject, body: mail.text })
		.execute();
}
