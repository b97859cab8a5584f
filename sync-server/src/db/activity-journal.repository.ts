/** Reading the activity journal: an account's for its admins and the vendor console (always scoped to the one account,
 * filtered by user, type and day); a license's or a notification's history for the vendor console's search. */
import type { JournalEntry } from '@keyfield/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** `before`: the id of the last row of the previous page (keyset: the page continues after that row's (at, id)). */
export type JournalFilter = { accountId: string; user?: string; action?: string; from?: string; to?: string; before?: number; limit: number };

const likePattern = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const journalRows = (db: Kysely<Database>) =>
	db
		.selectFrom('activity as a')
		.leftJoin('users as u', 'u.id', 'a.user_id')
		.select(['a.id', 'a.at', 'u.email', 'a.action', 'a.details', 'a.ip', 'a.client_id', 'a.mutation_id']);

type JournalRow = Awaited<ReturnType<ReturnType<typeof journalRows>['execute']>>[number];

const toEntry = (r: JournalRow): JournalEntry => ({
	id: Number(r.id),
	at: new Date(r.at).toISOString(),
	user: r.email,
	action: r.action,
	details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
	ip: r.ip,
	clientId: r.client_id,
	mutationId: r.mutation_id
});

export async function listJournal(db: Kysely<Database>, filter: JournalFilter): Promise<JournalEntry[]> {
	let query = journalRows(db).where('a.account_id', '=', filter.accountId);
	if (filter.user) query = query.where('u.email', 'like', `%${likePattern(filter.user)}%`);
	if (filter.action) query = query.where('a.action', 'like', `${likePattern(filter.action)}%`);
	if (filter.from) query = query.where('a.at', '>=', new Date(`${filter.from}T00:00:00Z`));
	if (filter.to) query = query.where('a.at', '<', new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000));
	if (filter.before !== undefined) {
		query = query.where(sql<boolean>`(a.at, a.id) < (select c.at, c.id from activity c where c.id = ${filter.before} and c.account_id = ${filter.accountId})`);
	}
	// (at, id): the order of activity_account_at, so a page of a long journal reads only its own rows.
	const rows = await query.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(filter.limit).execute();
	return rows.map(toEntry);
}

/** A license's history: every journal row naming it, newest first (the partial index activity_license). */
export async function licenseJournal(db: Kysely<Database>, licenseId: string, limit: number): Promise<JournalEntry[]> {
	const rows = await journalRows(db).where(sql<boolean>`a.details->>'licenseId' = ${licenseId}`).orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
	return rows.map(toEntry);
}

/** The upgrades made with one notification, in its account's journal. */
export async function notificationJournal(db: Kysely<Database>, accountId: string, notificationId: string, limit: number): Promise<JournalEntry[]> {
	const rows = await journalRows(db)
		.where('a.account_id', '=', accountId)
		.where('a.action', '=', 'license.upgradeVersion')
		.where(sql<boolean>`a.details->>'notificationId' = ${notificationId}`)
		.orderBy('a.at', 'desc')
		.orderBy('a.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toEntry);
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
