/** Tables of migration 0012: approved email domains, invitations (and their guessing limit), the mail outbox. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ApprovedDomainsTable {
	id: string;
	account_id: string;
	version: number;
	domain: string;
	status: 'pending' | 'approved';
	token: string; // public once published in DNS, so kept as it is
	method: 'dns' | 'vendor' | null;
	checked_at: NullableTimestamp;
	approved_at: NullableTimestamp;
	created_at: Timestamp;
}

export interface InvitationsTable {
	id: string;
	account_id: string;
	version: number;
	email: string;
	role: 'admin' | 'member' | 'technician';
	token_hash: string;
	status: 'pending' | 'accepted' | 'revoked';
	invited_by: string | null;
	accepted_by: string | null;
	expires_at: ColumnType<Date, Date, Date>;
	created_at: Timestamp;
	closed_at: NullableTimestamp;
}

export interface InvitationAttemptsTable {
	id: Generated<string>;
	ip: string;
	at: Timestamp;
}

export interface MailOutboxTable {
	id: Generated<string>;
	account_id: string | null;
	to_address: string;
	subject: string;
	body: string;
	status: Generated<'queued' | 'sent' | 'failed'>;
	attempts: Generated<number>;
	next_attempt_at: Timestamp;
	last_error: string | null;
	created_at: Timestamp;
	sent_at: NullableTimestamp;
}
