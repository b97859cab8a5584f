import { sql, type Kysely } from 'kysely';
import { POKE_CHANNEL } from './accounts.repository.ts';
import type { Database, LicenseRegistration, NewLicense } from './schema.ts';
import { inUuids } from './sql-helpers.ts';

export type NewRegistration = Omit<NewLicense, 'version' | 'registration'> & {
	registration: LicenseRegistration;
	/** Its certificate is boxed (no account yet) and is claimed for the license's account. */
	claimBoxed: boolean;
};

/**
 * One round trip for everything a set of registrations writes (push gathers a batch's, see PushBatch, so round
 * trips count): each account's version (the one this transaction holds, from `versionsTaken`, else bumped here,
 * with its poke), the licenses, their serials marked registered, and the boxed certificates claimed.
 * A license id already taken writes nothing of its registration (every other write hangs off the inserted row);
 * `inserted` then falls short of the number of registrations. Returns the versions the licenses carry.
 */
export async function registerLicenses(
	db: Kysely<Database>,
	registrations: readonly NewRegistration[],
	versionsTaken: ReadonlyMap<string, number>
): Promise<{ inserted: number; versions: Map<string, number> }> {
	if (registrations.length === 0) return { inserted: 0, versions: new Map() };
	const rows = registrations.map(({ claimBoxed: _, ...license }) => license);
	const toBump = [...new Set(rows.map((r) => r.account_id))].filter((id) => !versionsTaken.has(id));
	const claims = registrations.filter((r) => r.claimBoxed).map((r) => r.id);
	// Raw SQL rather than the query builder: the statement is the same for every batch, and building it is CPU.
	const result = await sql<{ account_id: string; version: number; inserted: number }>`
		with staged as (select * from jsonb_populate_recordset(null::licenses, ${JSON.stringify(rows)}::jsonb)),
		bumped as (
			update accounts set version = version + 1 where id = any(string_to_array(${toBump.join(',')}, ',')::uuid[])
			returning id as account_id, version, pg_notify(${POKE_CHANNEL}, id::text)),
		versions as (
			select account_id, version from bumped
			union all
			select * from unnest(string_to_array(${[...versionsTaken.keys()].join(',')}, ',')::uuid[],
				string_to_array(${[...versionsTaken.values()].join(',')}, ',')::int[])),
		inserted as (
			insert into licenses (id, account_id, version, certificate_id, serial, sku, product_name, product_version, seats,
				maintenance_end, key, registration, host_id, status)
			select s.id, s.account_id, v.version, s.certificate_id, s.serial, s.sku, s.product_name, s.product_version, s.seats,
				s.maintenance_end, s.key, s.registration, s.host_id, coalesce(s.status, 'active')
			from staged s join versions v on v.account_id = s.account_id
			on conflict (id) do nothing
			returning id, account_id, serial, certificate_id),
		registered as (update serials set license_id = i.id from inserted i where serials.serial = i.serial),
		claimed as (
			update certificates set account_id = i.account_id from inserted i
			where i.id = any(string_to_array(${claims.join(',')}, ',')::uuid[]) and certificates.id = i.certificate_id and certificates.account_id is null)
		select v.account_id, v.version, (select count(*) from inserted)::int as inserted from versions v`.execute(db);
	return {
		inserted: result.rows[0]?.inserted ?? 0,
		versions: new Map(result.rows.map((r) => [r.account_id, r.version]))
	};
}

/** Which of these license ids exist already (push looks up a batch's in one round trip). */
export async function existingLicenseIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const rows = await db.selectFrom('licenses').select('id').where(inUuids('id', ids)).execute();
	return new Set(rows.map((r) => r.id));
}

/** Which account holds a license. A statement of its own on purpose: run after the serial lock, it sees the license
 * that a concurrent registration just committed (a join in the locking query would not). */
export async function licenseAccount(db: Kysely<Database>, licenseId: string): Promise<string | undefined> {
	const row = await db.selectFrom('licenses').select('account_id').where('id', '=', licenseId).executeTakeFirst();
	return row?.account_id;
}
