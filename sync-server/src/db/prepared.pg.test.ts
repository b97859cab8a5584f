import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, startTestServer, type TestServer } from '../test/harness.ts';
import { changesSince } from './changes.repository.ts';
import { connectPostgres, type DbHandle } from './connect.ts';
import { findSessionUser } from './users.repository.ts';

describe.skipIf(!onPostgres)('marked statements on Postgres', () => {
	let server: TestServer;
	let one: DbHandle; // one connection, so the statements below all see the same session

	beforeAll(async () => {
		server = await startTestServer();
		one = connectPostgres(server.testDb.url!, { max: 1 });
	});
	afterAll(async () => {
		await one?.close();
		await server?.close();
	});

	it('run as named prepared statements, planned once per connection and then from their generic plan', async () => {
		const { rows: accounts } = await sql<{ id: string }>`select id from accounts where name = 'Acme Field Services'`.execute(one.db);
		const acme = accounts[0]!.id;
		const first = await changesSince(one.db, [{ accountId: acme, since: 0 }], 1000);
		for (let run = 0; run < 6; run++) expect(await changesSince(one.db, [{ accountId: acme, since: 0 }], 1000)).toEqual(first);
		expect(first.length).toBeGreaterThan(0);
		expect(await findSessionUser(one.db, 'no such token')).toBeUndefined();

		const { rows } = await sql<{ name: string; generic_plans: number }>`select name, generic_plans::int from pg_prepared_statements order by name`.execute(one.db);
		expect(rows.map((r) => r.name)).toEqual(['changes_since', 'session_user']);
		expect(rows[0]!.generic_plans).toBeGreaterThan(0);
	});
});
