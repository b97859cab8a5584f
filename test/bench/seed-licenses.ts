/**
 * Licenses in bulk, straight into Postgres with generate_series (the push path would take minutes for a million):
 * realistic rows (a real signed key, a registration), one version per row, the account counter set to match.
 */
import { signLicenseKey } from '@keyfield/shared';
import { sql } from 'kysely';
import type { BenchServer } from './server.ts';
import { registration } from './workspace.ts';

async function sampleKey(server: BenchServer, accountId: string): Promise<string> {
	const payload = { v: 1 as const, kid: server.signer.kid, lic: crypto.randomUUID(), acct: accountId, sku: 'KF-EDGE', ver: '5.2', seats: 1, maintEnd: '2030-01-01', iat: 1 };
	return signLicenseKey(payload, server.signer.privateKey);
}

/** `count` licenses in one account, versions 1..count (an account that has only these). */
export async function seedAccountLicenses(server: BenchServer, accountId: string, count: number): Promise<void> {
	const key = await sampleKey(server, accountId);
	await sql`
		insert into licenses (id, account_id, version, origin, serial, sku, product_name, product_version, seats, maintenance_end, key, registration, status)
		select gen_random_uuid(), ${accountId}::uuid, g, 'serial', 'S-' || upper(md5(${accountId} || g::text)), 'KF-EDGE',
			'Keyfield Edge Gateway', '5.2', 1 + g % 5, date '2027-01-01' + (g % 900), ${key}, ${JSON.stringify(registration)}::jsonb, 'active'
		from generate_series(1, ${count}::int) g`.execute(server.db);
	await sql`update accounts set version = ${count}::int where id = ${accountId}::uuid`.execute(server.db);
}

/** Other customers' licenses: `accounts` accounts of `perAccount` each, none in the bench users' scope. */
export async function seedFillerLicenses(server: BenchServer, accounts: number, perAccount: number): Promise<void> {
	const key = await sampleKey(server, crypto.randomUUID());
	await sql`
		insert into accounts (id, name, kind, version, row_version)
		select gen_random_uuid(), 'Filler ' || g, 'customer', ${perAccount}::int, 1 from generate_series(1, ${accounts}::int) g`.execute(server.db);
	await sql`
		insert into licenses (id, account_id, version, origin, serial, sku, product_name, product_version, seats, maintenance_end, key, registration, status)
		select gen_random_uuid(), a.id, g, 'serial', 'S-' || upper(md5(a.id::text || g::text)), 'KF-EDGE', 'Keyfield Edge Gateway', '5.2', 1,
			date '2027-01-01' + (g % 900), ${key}, ${JSON.stringify(registration)}::jsonb, 'active'
		from accounts a cross join generate_series(1, ${perAccount}::int) g where a.name like 'Filler %'`.execute(server.db);
	await sql`analyze`.execute(server.db);
}

/** `count` changes in one account since its current version: each touches one license and takes the next version. */
export async function touchLicenses(server: BenchServer, accountId: string, count: number): Promise<void> {
	await server.db.transaction().execute(async (tx) => {
		const { rows } = await sql<{ version: number }>`update accounts set version = version + ${count}::int where id = ${accountId}::uuid returning version`.execute(tx);
		const top = rows[0]!.version;
		await sql`
			update licenses l set version = t.v, seats = l.seats + 1
			from (select id, ${top - count}::int + row_number() over (order by random())::int as v
				from licenses where account_id = ${accountId}::uuid order by random() limit ${count}::int) t
			where l.id = t.id and l.account_id = ${accountId}::uuid`.execute(tx);
	});
}
