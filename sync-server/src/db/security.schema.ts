/** Tables of migration 0010: 2-step verification and the journal's chain heads. */
import type { ColumnType } from 'kysely';

export interface UserTotpTable {
	user_id: string;
	secret: string; // base32, as the authenticator app holds it
	enabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>; // null while enrolling
	last_step: ColumnType<string, number | undefined, number>; // bigint: a code's time step is accepted once
	created_at: ColumnType<Date, never, never>;
}

export interface RecoveryCodesTable {
	user_id: string;
	code_hash: string;
	used_at: ColumnType<Date | null, never, Date>;
}

export interface ActivityHeadsTable {
	chain_id: string;
	seq: ColumnType<string, number, number>;
	prev_hash: Buffer | null;
	hash: Buffer;
}
