import { sql, type Kysely } from 'kysely';
import { accountVersionSource } from './accounts.repository.ts';
import type { Database, NewLicense } from './schema.ts';

/**
 * One round trip for everything a registration writes (push runs it per mutation, so round trips count): the
 * account version (bumped, or the one this transaction took already, see `accountVersionSource`), the license,
 * its serial marked registered, and its boxed certificate claimed for the account (`claimBoxed`). The caller journals it.
 * Returns the license's version, or null when the license id is taken: then nothing but a version bump (when
 * `versionTaken` is null) is written, since every other write hangs off the inserted row; the caller opens a
 * savepoint before a bumping call to roll that back.
 */
export async function registerLicense(
	db: Kysely<Database>,
	license: Omit<NewLicense, 'version'>,
	versionTaken: number | null,
	claimBoxed: boolean
): Promise<number | null> {
	// Raw SQL rather than the query builder: this runs once per pushed mutation, and building the five-CTE query
	// each time cost as much Node CPU as the rest of the mutation.
	const l = license;
	const result = await sql<{ version: number }>`
		with account_version as (${accountVersionSource(db, l.account_id, versionTaken)}),
		inserted as (
			insert into licenses (id, account_id, version, certificate_id, serial, sku, product_name, product_version, seats,
				maintenance_end, key, registration, host_id, status)
			values (${l.id}, ${l.account_id}, (select version from account_version), ${l.certificate_id}, ${l.serial}, ${l.sku},
				${l.product_name}, ${l.product_version}, ${l.seats}, ${l.maintenance_end}, ${l.key}, ${l.registration}, ${l.host_id ?? null},
				${l.status ?? 'active'})
			on conflict (id) do nothing
			returning id, serial, version),
		registered as (
			update serials set license_id = inserted.id from inserted where serials.serial = inserted.serial returning serials.license_id)
		${claimBoxed ? sql`, claimed as (
			update certificates set account_id = ${l.account_id} from inserted
			where certificates.id = ${l.certificate_id} and certificates.account_id is null)` : sql``}
		select inserted.version from inserted join registered on registered.license_id = inserted.id`.execute(db);
	return result.rows[0]?.version ?? null;
}

/** Which account holds a license. A statement of its own on purpose: run after the serial lock, it sees the license
 * that a concurrent registration just committed (a join in the locking query would not). */
export async function licenseAccount(db: Kysely<Database>, licenseId: string): Promise<string | undefined> {
	const row = await db.selectFrom('licenses').select('account_id').where('id', '=', licenseId).executeTakeFirst();
	return row?.account_id;
}
