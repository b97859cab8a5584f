// Pull at scale: pages, cost independent of unrelated rows, and a small cursor for a 5,000-account scope.
import { MAX_CHANGES_PER_PULL } from '@keyfield/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesSinceQuery } from '../db/changes.repository.ts';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let tech: string;
let acme: string;
let globex: string;

beforeAll(async () => {
	server = await startTestServer();
	tech = await server.login('tech@acme.test');
	acme = await server.accountId(tech, 'Acme Field Services');
	globex = await server.accountId(await server.login('admin@globex.test'), 'Globex Industrial');
});
afterAll(() => server?.close());

/** `count` licenses in one account straight in SQL, each at its own version, as that many writes would leave them. */
async function bulkLicenses(accountId: string, count: number, tag: string, { analyze = true } = {}): Promise<void> {
	await server.db.transaction().execute(async (tx) => {
		const { version } = await tx.updateTable('accounts').set((eb) => ({ version: eb('version', '+', count) })).where('id', '=', accountId).returning('version').executeTakeFirstOrThrow();
		const certificate = await tx.selectFrom('certificates').select('id').limit(1).executeTakeFirstOrThrow();
		await sql`
			insert into licenses (id, account_id, version, certificate_id, serial, sku, product_name, product_version, seats, maintenance_end, key, registration, host_id, status)
			select gen_random_uuid(), ${accountId}, ${version - count} + g, ${certificate.id}, ${tag} || g, 'KF-EDGE', 'Keyfield Edge Gateway', '5.2', 1,
				'2030-01-01', 'KF1.bulk.bulk', '{"company":"Bulk","contactName":"Bulk","email":"bulk@example.test","country":"ES"}', null, 'active'
			from generate_series(1, ${count}) g`.execute(tx);
	});
	if (analyze) await sql`analyze licenses`.execute(server.db);
}

describe('pull at scale', () => {
	it('pages 2,500 changes in pages of at most 1,000 with hasMore, missing and repeating nothing', async () => {
		await bulkLicenses(acme, 2500, 'PAGE-');
		const { pages, changes } = await server.pullAll(tech, crypto.randomUUID(), null);
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages[0]!.changes).toHaveLength(MAX_CHANGES_PER_PULL);
		for (const page of pages) expect(page.changes.length).toBeLessThanOrEqual(MAX_CHANGES_PER_PULL);
		expect(pages.slice(0, -1).every((p) => p.hasMore)).toBe(true);
		const licenseIds = changes.flatMap((c) => (c.op === 'put' && c.table === 'licenses' ? [c.row.id] : []));
		expect(licenseIds).toHaveLength(2500);
		expect(new Set(licenseIds).size).toBe(2500);
	});

	it('reads a page of a large account in version order, stopping at the page instead of reading all its rows past the cursor', async () => {
		// No ANALYZE after the bulk insert, as in a pull right after a big import: the plan must not depend on it.
		await bulkLicenses(acme, 3000, 'ORDER-', { analyze: false });
		const plan = await sql<{ 'QUERY PLAN': unknown }>`explain (analyze, format json) ${changesSinceQuery([{ accountId: acme, since: 0 }], 1001)}`.execute(server.db);
		type Node = { 'Relation Name'?: string; 'Actual Rows': number; 'Node Type': string; Plans?: Node[] };
		const root = plan.rows[0]!['QUERY PLAN'];
		const nodes: Node[] = [];
		const walk = (node: Node) => (nodes.push(node), node.Plans?.forEach(walk));
		walk((typeof root === 'string' ? JSON.parse(root) : root)[0].Plan);
		const licenseScans = nodes.filter((n) => n['Relation Name'] === 'licenses');
		expect(Math.max(...licenseScans.map((n) => n['Actual Rows']))).toBe(1001);
	});

	it("reads only the puller's changes however many rows other accounts hold", async () => {
		const clientId = crypto.randomUUID();
		const { last } = await server.pullAll(tech, clientId, null);
		await bulkLicenses(globex, 20_000, 'OTHER-');
		const mutation = requestKey(1, { accountId: acme, serial: server.serials('Acme Field Services')[0]! });
		await server.push(tech, clientId, [mutation]);
		const started = performance.now();
		const next = await server.pull(tech, clientId, last.cursor);
		const elapsed = performance.now() - started;
		expect(next.changes.map((c) => c.op === 'put' && c.row.id)).toEqual([mutation.args.licenseId]);
		expect(elapsed).toBeLessThan(1000);

		const plan = await sql<{ 'QUERY PLAN': string }>`
			explain select * from licenses where account_id = ${acme} and version > ${1} order by version limit ${1001}`.execute(server.db);
		const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
		// Either index led by account_id keeps the read to the puller's rows; which one wins is a near tie in cost
		// (sorting 2,500 rows is cheap), so the planner may pick either from one ANALYZE to the next.
		expect(text).toMatch(/licenses_account_(version|created_id)/);
		expect(text).not.toMatch(/Seq Scan on licenses/);
	});

	it('keeps the cursor under 1 KB for a partner with 5,000 accounts in scope', async () => {
		const partner = await server.login('partner@northwind.test');
		const northwind = await server.accountId(partner, 'Northwind Partners');
		await sql`
			with made as (
				insert into accounts (id, name, kind, version, row_version)
				select gen_random_uuid(), 'Customer ' || g, 'customer', 1, 1 from generate_series(1, 5000) g returning id)
			insert into delegations (id, customer_account_id, partner_account_id) select gen_random_uuid(), id, ${northwind} from made`.execute(server.db);
		const clientId = crypto.randomUUID();
		const { pages, last } = await server.pullAll(partner, clientId, null);
		expect(last.scope.length).toBeGreaterThan(5000);
		for (const page of pages) expect(new TextEncoder().encode(page.cursor).length).toBeLessThan(1024);
		const accountsSeen = new Set(pages.flatMap((p) => p.changes).flatMap((c) => (c.op === 'put' && c.table === 'accounts' ? [c.row.id] : [])));
		expect(accountsSeen.size).toBeGreaterThan(5000);
		// Nothing new: the next pull is empty and keeps the cursor.
		const quiet = await server.pull(partner, clientId, last.cursor);
		expect(quiet).toMatchObject({ changes: [], hasMore: false, cursor: last.cursor });
	});
});
