// The console's account reads: keyset pages with no duplicates or misses in every sort (also while accounts are
// added between pages), filters, an account's holdings, licenses and journal pages, bad input as 400, vendors only.
import type { AccountDetail, AccountJournalPage, AccountsPage, LicensesPage } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration, requestKey, startTestServer, type TestServer } from '../test/harness.ts';
import { createAccount } from './admin.service.ts';

let server: TestServer;
let vendor: string;
let acme: string;
let northwind: string;
const system = { userId: null, ip: null };
const KINDS = ['customer', 'partner', 'oem'] as const;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	const partner = await server.login('partner@northwind.test');
	acme = await server.accountId(partner, 'Acme Field Services');
	northwind = await server.accountId(partner, 'Northwind Partners');
	for (let i = 1; i <= 23; i++) await createAccount(server.db, system, { name: `Paging ${String(i).padStart(2, '0')}`, kind: KINDS[i % 3]! });
});
afterAll(() => server?.close());

async function get<T>(path: string, status = 200, token: string | null = vendor): Promise<T> {
	const res = await server.call(path, { token });
	const json = await res.json();
	expect(res.status, `${path}: ${JSON.stringify(json)}`).toBe(status);
	return json as T;
}

/** Every page of the listing, calling `between` after each page. */
async function allPages(query: string, between: (page: number) => Promise<void> = async () => {}) {
	const rows: AccountsPage['accounts'] = [];
	let after: string | null = null;
	let pages = 0;
	do {
		const page: AccountsPage = await get(`/api/admin/accounts?${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
		expect(page.accounts.length).toBeLessThanOrEqual(5);
		rows.push(...page.accounts);
		after = page.next;
		await between(++pages);
	} while (after);
	return rows;
}

const sortedBy = <T>(rows: T[], key: (row: T) => string, descending: boolean) => {
	const keys = rows.map(key);
	const sorted = [...keys].sort();
	return descending ? sorted.reverse() : sorted;
};

describe('GET /api/admin/accounts', () => {
	it('pages through every account once in each sort, in order', async () => {
		for (const sort of ['name', '-name', 'created', '-created', 'kind', '-kind']) {
			const rows = await allPages(`q=paging&limit=5&sort=${sort}`);
			expect(rows.map((r) => r.name).sort(), sort).toEqual(Array.from({ length: 23 }, (_, i) => `Paging ${String(i + 1).padStart(2, '0')}`));
			const descending = sort.startsWith('-');
			const key = sort.replace('-', '');
			const keyOf = (r: (typeof rows)[number]) => (key === 'name' ? r.name : key === 'created' ? r.createdAt : `${r.kind}|${r.name}`);
			expect(rows.map(keyOf), sort).toEqual(sortedBy(rows, keyOf, descending));
		}
	});

	it('neither repeats nor misses a row when accounts are added between pages', async () => {
		let added = 0;
		const rows = await allPages('q=paging&limit=5&sort=name', async () => {
			// One sorting before everything read so far and one after: neither may shift the rows still to come.
			await createAccount(server.db, system, { name: `Paging 00 new ${added}`, kind: 'customer' });
			await createAccount(server.db, system, { name: `Paging 99 new ${added++}`, kind: 'customer' });
		});
		const names = rows.map((r) => r.name);
		expect(new Set(names).size).toBe(names.length);
		for (let i = 1; i <= 23; i++) expect(names).toContain(`Paging ${String(i).padStart(2, '0')}`);
		expect(names.filter((n) => n.startsWith('Paging 00 new'))).toEqual([]); // sorted before the cursor: not shown late
	});

	it('filters by kind and by part of the name, any case, wildcards literal', async () => {
		const partners = await allPages('q=PAGING&kind=partner&limit=5');
		expect(partners.length).toBeGreaterThan(0);
		expect(partners.every((r) => r.kind === 'partner' && r.name.startsWith('Paging'))).toBe(true);
		expect((await get<AccountsPage>('/api/admin/accounts?q=%25')).accounts).toEqual([]);
		expect((await get<AccountsPage>('/api/admin/accounts?q=acme')).accounts.map((a) => a.name)).toEqual(['Acme Field Services']);
		// The vendor's own account and the catalog are not customers.
		const all = await allPages('limit=5&q=e');
		expect(all.some((a) => a.name === 'Keyfield' || a.name === 'Catalog')).toBe(false);
	});

	it('refuses bad queries and cursors with 400, never 500', async () => {
		const first = await get<AccountsPage>('/api/admin/accounts?limit=2&sort=name');
		for (const query of ['sort=size', 'limit=0', 'limit=201', 'kind=vendor', 'after=%%%', 'after=eyJ4IjoxfQ', `after=${first.next}&sort=-name`, `q=${'x'.repeat(201)}`, 'q=a%00b']) {
			const body = await get<{ error: { code: string } }>(`/api/admin/accounts?${query}`, 400);
			expect(body.error.code, query).toBe('validation_failed');
		}
	});
});

describe('an account', () => {
	it('holds certificates with serial counts, contracts, agreements, seats, members, delegations and domains', async () => {
		const detail = await get<AccountDetail>(`/api/admin/accounts/${acme}`);
		expect(detail.account).toMatchObject({ id: acme, name: 'Acme Field Services', kind: 'customer' });
		const edge = detail.certificates.find((c) => c.sku === 'KF-EDGE' && c.serials === 10)!;
		expect(edge).toMatchObject({ quantity: 5, registered: 0 });
		expect(detail.contracts.length).toBeGreaterThan(0);
		expect(detail.agreements.map((a) => a.name)).toContain('Acme Enterprise Flexible');
		expect(detail.members.map((m) => [m.email, m.role])).toEqual([['admin@acme.test', 'admin'], ['tech@acme.test', 'technician']]);
		expect(detail.delegations).toEqual([expect.objectContaining({ direction: 'to', account: { id: northwind, name: 'Northwind Partners', kind: 'partner' } })]);
		// The demo's confirmed Vault 10-pack, one seat assigned to the technician; acme.test approved by the vendor.
		expect(detail.seatPools).toEqual([{ sku: 'KF-VAULT', productName: 'Keyfield Vault', owned: 10, assigned: 1 }]);
		expect(detail.domains).toEqual([{ domain: 'acme.test', status: 'approved', method: 'vendor', approvedAt: expect.any(String) }]);
		const partner = await get<AccountDetail>(`/api/admin/accounts/${northwind}`);
		// Acme delegates to Northwind to manage, Initech to view (the demo), in name order.
		expect(partner.delegations.map((d) => [d.direction, d.account.name])).toEqual([['from', 'Acme Field Services'], ['from', 'Initech Retail']]);
		await get(`/api/admin/accounts/${crypto.randomUUID()}`, 404);
		await get('/api/admin/accounts/not-a-uuid', 400);
	});

	it('pages its licenses newest first and its journal, and counts what was registered', async () => {
		const tech = await server.login('tech@acme.test');
		const serials = server.serials('Acme Field Services', 'KF-EDGE').slice(0, 5);
		const mutations = serials.map((serial, i) => requestKey(i + 1, { accountId: acme, serial }));
		const { body } = await server.push(tech, crypto.randomUUID(), mutations);
		expect(body.results.every((r) => r.status === 'applied')).toBe(true);

		const ids: string[] = [];
		let after: string | null = null;
		do {
			const page: LicensesPage = await get(`/api/admin/accounts/${acme}/licenses?limit=2${after ? `&after=${after}` : ''}`);
			ids.push(...page.licenses.map((l) => l.id));
			after = page.next;
		} while (after);
		const registered = mutations.map((m) => m.args.licenseId);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(registered));
		const detail = await get<AccountDetail>(`/api/admin/accounts/${acme}`);
		expect(detail).toMatchObject({ licenseCount: ids.length, licenseCountCapped: false });
		expect(detail.certificates.find((c) => c.sku === 'KF-EDGE' && c.serials === 10)!.registered).toBe(5);
		const first = await get<LicensesPage>(`/api/admin/accounts/${acme}/licenses?limit=1`);
		expect(first.licenses[0]).toMatchObject({ registeredTo: `${registration.company} · ${registration.contactName}` });

		const entries: AccountJournalPage['entries'] = [];
		after = null;
		do {
			const page: AccountJournalPage = await get(`/api/admin/accounts/${acme}/journal?limit=3${after ? `&after=${after}` : ''}`);
			entries.push(...page.entries);
			after = page.next;
		} while (after);
		expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
		const all = await server.db.selectFrom('activity').select('id').where('account_id', '=', acme).execute();
		expect(entries.length).toBe(all.length);
		expect(entries.filter((e) => e.action === 'license.requestKey')).toHaveLength(5);
		expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
		await get(`/api/admin/accounts/${acme}/journal?after=bad`, 400);
		await get(`/api/admin/accounts/${acme}/licenses?limit=x`, 400);
	});

	it('is for vendor operators only', async () => {
		const admin = await server.login('admin@acme.test');
		for (const path of ['/api/admin/accounts', `/api/admin/accounts/${acme}`, `/api/admin/accounts/${acme}/licenses`, `/api/admin/accounts/${acme}/journal`, '/api/admin/search?q=acme']) {
			expect((await get<{ error: { code: string } }>(path, 403, admin)).error.code).toBe('forbidden');
			await get(path, 401, null);
		}
	});
});
