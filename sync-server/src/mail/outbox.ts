/** Placeholder: the mail outbox lands with the members work; same signature. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
export interface OutgoingMail { to: string; subject: string; text: string; accountId: string | null }
export async function queueMail(_db: Kysely<Database> | Transaction<Database>, _mail: OutgoingMail): Promise<void> {}
