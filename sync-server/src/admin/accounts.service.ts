/** The console's account reads: the list, one account's holdings, its licenses and its journal, each a keyset page. */
import { AccountSort, ConsoleAccountKind, LICENSE_COUNT_CAP, LIST_CAP, type AccountDetail, type AccountJournalPage, type AccountsPage, type LicensesPage } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import * as holdings from '../db/account-holdings.repository.ts';
import { listJournal } from '../db/activity-journal.repository.ts';
import { findAccount, listAccountLicenses, listAccounts } from '../db/console-accounts.repository.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { accountListItem, accountRef, iso, licenseSummary } from './console-rows.ts';
import { badCursor, decodeCursor, pageOf } from './page-cursor.ts';

type Db = Kysely<Database>;
type Page = { after?: string | undefined; limit: number };

// A cursor names the sort it was read in: reading it in another order would skip and repeat rows.
const AccountCursor = z.object({ sort: AccountSort, id: z.uuid() });
const LicenseCursor = z.object({ id: z.uuid() });
const JournalCursor = z.object({ id: z.number().int().positive() });

export async function accountsPage(db: Db, query: { sort: AccountSort; q?: string | undefined; kind?: ConsoleAccountKind | undefined } & Page): Promise<AccountsPage> {
	const cursor = query.after ? decodeCursor(AccountCursor, query.after) : null;
	if (cursor && cursor.sort !== query.sort) throw badCursor();
	const rows = await listAccounts(db, { ...query, q: query.q || undefined, after: cursor?.id });
	const page = pageOf(rows, query.limit, (last) => ({ sort: query.sort, id: last.id }));
	return { accounts: page.rows.map(accountListItem), next: page.next };
}

/** json_build_object comes back parsed from pg and as text from PGlite. */
function countsOf(counts: { serials: number; registered: number } | string) {
	const { serials, registered } = typeof counts === 'string' ? (JSON.parse(counts) as { serials: number; registered: number }) : counts;
	return { serials: Number(serials), registered: Number(registered) };
}

async function mustFind(db: Db, id: string) {
	const account = await findAccount(db, id);
	if (!account) throw notFound(`No account ${id}.`);
	return account;
}

export async function accountDetail(db: Db, id: string): Promise<AccountDetail> {
	const account = await mustFind(db, id);
	const [licenseCount, certificates, contracts, agreements, vouchers, seatPools, members, delegations, domains] = await Promise.all([
		holdings.countAccountLicenses(db, id, LICENSE_COUNT_CAP),
		holdings.accountCertificates(db, id, LIST_CAP),
		holdings.accountContracts(db, id, LIST_CAP),
		holdings.accountAgreements(db, id, LIST_CAP),
		holdings.accountVouchers(db, id, LIST_CAP),
		holdings.accountSeatPools(db, id, LIST_CAP),
		holdings.accountMembers(db, id, LIST_CAP),
		holdings.accountDelegations(db, id, LIST_CAP),
		holdings.accountDomains(db, id, LIST_CAP)
	]);
	return {
		account: accountListItem(account),
		licenseCount: Math.min(licenseCount, LICENSE_COUNT_CAP),
		licenseCountCapped: licenseCount > LICENSE_COUNT_CAP,
		certificates: certificates.map((c) => ({ id: c.id, sku: c.sku, productName: c.product_name, quantity: c.quantity, maintenanceEnd: c.maintenance_end, createdAt: iso(c.created_at), ...countsOf(c.counts) })),
		contracts: contracts.map((k) => ({ id: k.id, sku: k.sku, productName: k.product_name, seats: k.seats, startsOn: k.starts_on, endsOn: k.ends_on, channel: k.channel, revision: k.revision, renewalPending: k.pending_renewal_id !== null })),
		agreements: agreements.map((a) => ({ id: a.id, name: a.name, startsOn: a.starts_on, endsOn: a.ends_on, products: a.products.map((p) => ({ sku: p.sku, seatCap: p.seat_cap, seatsUsed: p.seats_used })) })),
		vouchers: vouchers.map((v) => ({ code: v.code, sku: v.sku, seats: v.seats, redeemedAt: iso(v.redeemed_at!), redeemedBy: v.redeemed_by, licenseId: v.license_id })),
		seatPools: seatPools.map((s) => ({ sku: s.sku, productName: s.product_name, owned: s.owned, assigned: s.assigned })),
		members: members.map((u) => ({ userId: u.id, email: u.email, name: u.name, role: u.role, since: iso(u.created_at) })),
		delegations: delegations.map((d) => ({ id: d.id, direction: d.direction, account: accountRef({ id: d.other_id, name: d.other_name, kind: d.other_kind }), scope: d.scope, createdAt: iso(d.created_at) })),
		domains: domains.map((d) => ({ domain: d.domain, status: d.status, method: d.method, approvedAt: d.approved_at && iso(d.approved_at) }))
	};
}

export async function accountLicenses(db: Db, id: string, page: Page): Promise<LicensesPage> {
	const cursor = page.after ? decodeCursor(LicenseCursor, page.after) : null;
	await mustFind(db, id);
	const rows = await listAccountLicenses(db, id, { after: cursor?.id, limit: page.limit });
	const result = pageOf(rows, page.limit, (last) => ({ id: last.id }));
	return { licenses: result.rows.map(licenseSummary), next: result.next };
}

export async function accountJournal(db: Db, id: string, page: Page): Promise<AccountJournalPage> {
	const cursor = page.after ? decodeCursor(JournalCursor, page.after) : null;
	await mustFind(db, id);
	const entries = await listJournal(db, { accountId: id, limit: page.limit + 1, ...(cursor ? { before: cursor.id } : {}) });
	const result = pageOf(entries, page.limit, (last) => ({ id: last.id }));
	return { entries: result.rows, next: result.next };
}
