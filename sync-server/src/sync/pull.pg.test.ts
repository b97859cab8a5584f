import { CATALOG_ACCOUNT_ID, Change, PROTOCOL_VERSION, SCHEMA_VERSION, SyncedTables, type PullResponse } from '@keyfield/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let tech: string;
let globexAdmin: string;
let acme: string;
let globex: string;

beforeAll(async () => {
	server = await startTestServer();
	tech = await server.login('tech@acme.test');
	globexAdmin = await server.login('admin@globex.test');
	acme = await server.accountId(tech, 'Acme Field Services');
	globex = await server.accountId(globexAdmin, 'Globex Industrial');
});
afterAll(() => server?.close());

const puts = (changes: PullResponse['changes'], table?: string) =>
	changes.flatMap((c) => (c.op === 'put' && (!table || c.table === table) ? [c.row] : []));

describe('pull', () => {
	it('sends the account, its members, the catalog and licenses, each row with accountId and version', async () => {
		const clientId = crypto.randomUUID();
		const mutation = requestKey(1, { accountId: acme, serial: server.serials('Acme Field Services')[0]! });
		await server.push(tech, clientId, [mutation]);
		const first = await server.pull(tech, clientId, null);
		expect(first.hasMore).toBe(false);
		expect(first.lastMutationId).toBe(1);
		expect(first.scope.sort()).toEqual([CATALOG_ACCOUNT_ID, acme].sort());
		for (const change of first.changes) {
			expect(() => Change.parse(change)).not.toThrow();
			// Rows are exactly the shared entity shapes the device stores.
			if (change.op === 'put') expect(SyncedTables[change.table].strict().parse(change.row)).toEqual(change.row);
		}
		expect(puts(first.changes, 'accounts')).toEqual([expect.objectContaining({ id: acme, accountId: acme, name: 'Acme Field Services', kind: 'customer' })]);
		expect(puts(first.changes, 'products').map((p) => p.sku).sort()).toEqual(['KF-EDGE', 'KF-EDGE-6', 'KF-SCAN', 'KF-VAULT']);
		expect(puts(first.changes, 'products')[0]).toMatchObject({ accountId: CATALOG_ACCOUNT_ID, productVersion: expect.any(String) });
		expect(puts(first.changes, 'memberships').map((m) => m.email).sort()).toEqual(['admin@acme.test', 'tech@acme.test']);
		expect(puts(first.changes, 'licenses')).toEqual([
			expect.objectContaining({ id: mutation.args.licenseId, accountId: acme, serial: mutation.args.serial, seats: 5, status: 'active', hostId: null, registration: mutation.args.registration, maintenanceEnd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
		]);
		expect(first.cursor.length).toBeLessThan(100);

		const quiet = await server.pull(tech, clientId, first.cursor);
		expect(quiet).toMatchObject({ changes: [], hasMore: false, cursor: first.cursor });

		const next = requestKey(2, { accountId: acme, serial: server.serials('Acme Field Services')[1]! });
		await server.push(tech, clientId, [next]);
		const incremental = await server.pull(tech, clientId, first.cursor);
		expect(incremental.changes.map((c) => (c.op === 'put' ? c.row.id : c.id))).toEqual([next.args.licenseId]);
		expect(incremental.lastMutationId).toBe(2);
		// Re-sending an older cursor (the response was lost) gives the same changes again.
		expect((await server.pull(tech, clientId, first.cursor)).changes).toEqual(incremental.changes);
	});

	it("never shows another account's rows, and rejects reaching into it", async () => {
		const globexSerial = server.serials('Globex Industrial')[0]!;
		await server.push(globexAdmin, crypto.randomUUID(), [requestKey(1, { accountId: globex, serial: globexSerial })]);
		const { changes, last } = await server.pullAll(tech, crypto.randomUUID(), null);
		expect(last.scope).not.toContain(globex);
		for (const row of puts(changes)) expect([acme, CATALOG_ACCOUNT_ID]).toContain(row.accountId);
		expect(JSON.stringify(changes)).not.toContain('Globex');

		const intoGlobex = await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: globex, serial: server.serials('Globex Industrial')[1]! })]);
		expect(intoGlobex.body.results[0]).toMatchObject({ status: 'rejected', code: 'account_not_in_scope' });
		const globexSerialIntoAcme = await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: server.serials('Globex Industrial')[2]! })]);
		expect(globexSerialIntoAcme.body.results[0]).toMatchObject({ status: 'rejected', code: 'serial_unknown' });
		// An already registered serial of another account reads as unknown too: nothing reveals it exists.
		const registeredElsewhere = await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: globexSerial })]);
		expect(registeredElsewhere.body.results[0]).toMatchObject({ status: 'rejected', code: 'serial_unknown' });
	});

	it('backfills an account that enters scope and drops one that leaves it', async () => {
		const vendor = await server.login('vendor@keyfield.test');
		const partner = await server.login('partner@northwind.test');
		const northwind = await server.accountId(partner, 'Northwind Partners');
		const clientId = crypto.randomUUID();
		const before = await server.pullAll(partner, clientId, null);
		expect(before.last.scope).not.toContain(globex);

		const res = await server.call('/api/admin/delegations', { token: vendor, body: { customerAccountId: globex, partnerAccountId: northwind } });
		expect(res.status).toBe(201);
		const { id: delegationId } = (await res.json()) as { id: string };
		const after = await server.pullAll(partner, clientId, before.last.cursor);
		expect(after.last.scope).toContain(globex);
		const globexRows = puts(after.changes).filter((r) => r.accountId === globex);
		expect(globexRows.map((r) => r.id)).toContain(globex);
		expect(puts(after.changes, 'licenses').some((l) => l.accountId === globex)).toBe(true);

		// Revoked directly in SQL (as an operator might): the next pull no longer lists the account.
		await sql`delete from delegations where id = ${delegationId}`.execute(server.db);
		const revoked = await server.pullAll(partner, clientId, after.last.cursor);
		expect(revoked.last.scope).not.toContain(globex);
		expect(revoked.changes).toEqual([]);

		// Delegated again: everything comes back from version 0, not from where the old cursor was.
		await server.call('/api/admin/delegations', { token: vendor, body: { customerAccountId: globex, partnerAccountId: northwind } });
		const again = await server.pullAll(partner, clientId, revoked.last.cursor);
		expect(puts(again.changes).filter((r) => r.accountId === globex).length).toBe(globexRows.length);
	});

	it('sends tombstones for deleted rows', async () => {
		const clientId = crypto.randomUUID();
		const first = await server.pullAll(tech, clientId, null);
		const membership = puts(first.changes, 'memberships').find((m) => m.email === 'admin@acme.test')!;
		await server.db.transaction().execute(async (tx) => {
			const { version } = await tx.updateTable('accounts').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', acme).returning('version').executeTakeFirstOrThrow();
			await tx.deleteFrom('memberships').where('id', '=', membership.id).execute();
			await tx.insertInto('tombstones').values({ account_id: acme, version, table_name: 'memberships', row_id: membership.id }).execute();
		});
		const next = await server.pull(tech, clientId, first.last.cursor);
		expect(next.changes).toEqual([{ table: 'memberships', op: 'del', id: membership.id }]);
	});

	it('answers concurrent pulls of one client, and a first pull racing a first push, without a 5xx', async () => {
		const body = (clientId: string) => ({ protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, cursor: null });
		const clientId = crypto.randomUUID();
		const pulls = await Promise.all(Array.from({ length: 8 }, () => server.call('/api/sync/pull', { token: tech, body: body(clientId) })));
		expect(pulls.map((r) => r.status)).toEqual(Array(8).fill(200));

		for (let round = 0; round < 10; round++) {
			const fresh = crypto.randomUUID();
			const [pulled, pushed] = await Promise.all([
				server.call('/api/sync/pull', { token: tech, body: body(fresh) }),
				server.call('/api/sync/push', { token: tech, body: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId: fresh, mutations: [] } })
			]);
			expect([pulled.status, pushed.status]).toEqual([200, 200]);
		}
	});
});
