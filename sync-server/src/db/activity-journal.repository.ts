/** Reading an account's journal for its admins: filtered by user, type and day; always scoped to the one account. */
import type { JournalEntry } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type JournalFilter = { accountId: string; user?: string; action?: string; from?: string; to?: string; limit: number };

const likePattern = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listJournal(db: Kysely<Database>, filter: JournalFilter): Promise<JournalEntry[]> {
	let query = db
		.selectFrom('activity as a')
		.leftJoin('users as u', 'u.id', 'a.user_id')
		.select(['a.id', 'a.at', 'u.email', 'a.action', 'a.details', 'a.ip', 'a.client_id', 'a.mutation_id'])
		.where('a.account_id', '=', filter.accountId);
	if (filter.user) query = query.where('u.email', 'like', `%${likePattern(filter.user)}%`);
	if (filter.action) query = query.where('a.action', 'like', `${likePattern(filter.action)}%`);
	if (filter.from) query = query.where('a.at', '>=', new Date(`${filter.from}T00:00:00Z`));
	if (filter.to) query = query.where('a.at', '<', new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000));
	const rows = await query.orderBy('a.id', 'desc').limit(filter.limit).execute();
	return rows.map((r) => ({
		id: Number(r.id),
		at: new Date(r.at).toISOString(),
		user: r.email,
		action: r.action,
		details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
		ip: r.ip,
		clientId: r.client_id,
		mutationId: r.mutation_id
	}));
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
export function journalCsv(entries: readonly JournalEntry[]): string {
	const cell = (value: unknown) => {
		let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
		if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
		return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	const header = ['id', 'at', 'user', 'action', 'details', 'ip', 'client_id', 'mutation_id'];
	const lines = entries.map((e) => [e.id, e.at, e.user, e.action, e.details, e.ip, e.clientId, e.mutationId].map(cell).join(','));
	return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
