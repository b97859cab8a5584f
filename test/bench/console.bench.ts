/**
 * The vendor console at scale (issue 8: first page <= 200 ms server time with 1,000,000 licenses and 100,000
 * accounts). Run alone: `DATABASE_URL=postgres://… npx tsx bench/console.bench.ts` (from test/). On a fresh
 * database (dropped afterwards): the demo seed, then in bulk with generate_series 100,000 accounts (customers,
 * partners, OEMs), one certificate each, 1,000,000 licenses with their serials and one journal row each — 100,000
 * of them in one big customer (certificates of 1,000 serials, as the API issues them), 9 in every other account;
 * then VACUUM ANALYZE. Server time = the in-process app answering the request (session check, SQL, JSON), no
 * network. Prints the median and p95 of each read.
 */
import { makeCode, signLicenseKey } from '@keyfield/shared';
import { sql } from 'kysely';
import { createApp } from '../../sync-server/src/app.ts';
import { migrateToLatest } from '../../sync-server/src/db/migrate.ts';
import { publishPublicKey } from '../../sync-server/src/keys/keys.routes.ts';
import { generatePkcs8, signerFromPkcs8 } from '../../sync-server/src/keys/signing-key.ts';
import { DEMO_PASSWORD, seedDemo } from '../../sync-server/src/seed/demo-seed.ts';
import { PokeHub } from '../../sync-server/src/sync/pokes.ts';
import { openTestDb } from '../../sync-server/src/test/harness.ts';
import { summarise, timed } from './stats.ts';
import { registration } from './workspace.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const BIG = Number(process.env.BENCH_BIG_ACCOUNT ?? 100_000); // licenses of the one big customer
const PER_ACCOUNT = Number(process.env.BENCH_PER_ACCOUNT ?? 9); // licenses of every other account
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
const testDb = await openTestDb();
const db = testDb.handle.db;
let pokes: PokeHub | null = null;
try {
	await migrateToLatest(db);
	const signer = await signerFromPkcs8(await generatePkcs8());
	await publishPublicKey(db, signer);
	await seedDemo(db);
	pokes = await PokeHub.start(testDb.handle);
	const app = createApp({ db, signer, pokes, webDir: null });

	const started = performance.now();
	const product = await db.selectFrom('products').select('id').where('sku', '=', 'KF-EDGE').executeTakeFirstOrThrow();
	const key = await signLicenseKey({ v: 1, kid: signer.kid, lic: crypto.randomUUID(), acct: crypto.randomUUID(), sku: 'KF-EDGE', ver: '5.2', seats: 1, maintEnd: '2030-01-01', iat: 1 }, signer.privateKey);
	await sql`insert into accounts (id, name, kind, created_at)
		select gen_random_uuid(), 'Account ' || substr(md5(g::text), 1, 12), (array['customer', 'partner', 'oem'])[1 + g % 3], now() - g * interval '1 minute'
		from generate_series(1, ${ACCOUNTS}::int) g`.execute(db);
	const big = crypto.randomUUID();
	await sql`insert into accounts (id, name, kind) values (${big}::uuid, 'Bench Big Customer', 'customer')`.execute(db);
	// Certificates of at most 1,000 serials, as the API issues them: one per account, 100 for the big customer.
	await sql`insert into certificates (id, account_id, product_id, quantity, maintenance_end)
		select gen_random_uuid(), a.id, ${product.id}::uuid, 1000, date '2030-01-01' from accounts a where a.name like 'Account %'
		union all select gen_random_uuid(), ${big}::uuid, ${product.id}::uuid, 1000, date '2030-01-01' from generate_series(1, ${Math.ceil(BIG / 1000)}::int)`.execute(db);
	const licenses = (where: string, count: number) => sql`
		insert into licenses (id, account_id, version, origin, certificate_id, serial, sku, product_name, product_version, seats, maintenance_end, key, registration, status, created_at)
		select gen_random_uuid(), c.account_id, g, 'serial', c.id, 'S-' || upper(md5(c.id::text || g::text)), 'KF-EDGE', 'Keyfield Edge Gateway', '5.2', 1 + g % 5,
			date '2027-01-01' + g % 900, ${key}, ${JSON.stringify(registration)}::jsonb, 'active', now() - g * interval '1 second'
		from certificates c join accounts a on a.id = c.account_id and ${sql.raw(where)} cross join generate_series(1, ${count}::int) g`;
	await licenses(`a.id = '${big}'`, Math.min(BIG, 1000)).execute(db);
	await licenses(`a.name like 'Account %'`, PER_ACCOUNT).execute(db);
	await sql`insert into serials (serial, certificate_id, license_id) select serial, certificate_id, id from licenses where length(serial) = 34`.execute(db);
	await sql`insert into activity (at, account_id, action, details)
		select created_at, account_id, 'license.requestKey', jsonb_build_object('licenseId', id, 'serial', serial) from licenses where length(serial) = 34`.execute(db);
	// One license of the big customer gets a serial with valid check characters, so the search can find it as typed.
	const serial = makeCode('serial', crypto.getRandomValues(new Uint8Array(16)));
	const target = await sql<{ id: string; serial: string }>`select id, serial from licenses where account_id = ${big}::uuid order by created_at limit 1 offset ${Math.floor(BIG / 2)}::int`.execute(db);
	const { id: licenseId, serial: oldSerial } = target.rows[0]!;
	await sql`update serials set serial = ${serial} where serial = ${oldSerial}`.execute(db);
	await sql`update licenses set serial = ${serial} where id = ${licenseId}::uuid`.execute(db);
	// As autovacuum leaves an insert-only table once it has settled: statistics and the visibility map current.
	await sql`vacuum analyze`.execute(db);
	const counts = await sql<{ accounts: number; licenses: number; activity: number }>`select (select count(*)::int from accounts) as accounts, (select count(*)::int from licenses) as licenses, (select count(*)::int from activity) as activity`.execute(db);
	console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s:`, counts.rows[0]);

	const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'vendor@keyfield.test', password: DEMO_PASSWORD }) });
	const token = /kf_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
	const get = async (path: string) => {
		const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
		if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
		return res.json() as Promise<Record<string, unknown>>;
	};
	const secondLicensesPage = (await get(`/api/admin/accounts/${big}/licenses?limit=50`)).next as string;
	const typed = serial.replace(/-/g, '').toLowerCase();
	const reads: [string, string][] = [
		['accounts, first page (sort name, 50 rows)', '/api/admin/accounts?limit=50'],
		['accounts, first page sorted by created, newest first', '/api/admin/accounts?limit=50&sort=-created'],
		['accounts, first page of OEMs sorted by kind', '/api/admin/accounts?limit=50&sort=kind&kind=oem'],
		['accounts, name contains "ab1" (a scan of the names)', '/api/admin/accounts?limit=50&q=ab1'],
		[`a customer's licenses, first page (of ${BIG.toLocaleString('en')})`, `/api/admin/accounts/${big}/licenses?limit=50`],
		["a customer's licenses, second page", `/api/admin/accounts/${big}/licenses?limit=50&after=${secondLicensesPage}`],
		["a customer's journal, first page", `/api/admin/accounts/${big}/journal?limit=50`],
		["a customer's page (holdings, licenses counted)", `/api/admin/accounts/${big}`],
		['search: a serial typed without dashes in lower case', `/api/admin/search?q=${typed}`],
		['search: a license id', `/api/admin/search?q=${licenseId}`],
		['search: the start of an account name', '/api/admin/search?q=bench%20big'],
		['search: a user email', '/api/admin/search?q=tech@acme.test']
	];
	const found = (await get(`/api/admin/search?q=${typed}`)).hits as { type: string; account: { name: string } }[];
	if (found[0]?.type !== 'serial' || found[0].account.name !== 'Bench Big Customer') throw new Error(`search found ${JSON.stringify(found)}`);
	console.log(`\n| read (server time, ${SAMPLES} samples) | median | p95 |\n|---|---|---|`);
	for (const [label, path] of reads) {
		for (let i = 0; i < 2; i++) await get(path); // warm the plan and the cache
		const samples: number[] = [];
		for (let i = 0; i < SAMPLES; i++) samples.push(await timed(() => get(path)));
		const s = summarise(samples);
		console.log(`| ${label} | ${s.median.toFixed(1)} ms | ${s.p95.toFixed(1)} ms |`);
	}
} catch (err) {
	console.error(err);
	process.exitCode = 1;
} finally {
	await pokes?.close();
	await testDb.drop();
}
