import { sql, type Kysely } from 'kysely';
import { accountVersionSource } from './accounts.repository.ts';
import { journalInsert, type ActivityEntry } from './activity.repository.ts';
import type { Database, NewLicense } from './schema.ts';

/**
 * One round trip for everything a registration writes (push runs it per mutation, so round trips count): the
 * account version (bumped, or the one this transaction took already, see `accountVersionSource`), the license,
 * its serial marked registered, and the journal row. Returns the license's version, or null when the license id
 * is taken: then no license is written, and the caller rolls the rest back with its savepoint.
 */
export async function registerLicense(
	db: Kysely<Database>,
	license: Omit<NewLicense, 'version'>,
	versionTaken: number | null,
	journal: ActivityEntry
): Promise<number | null> {
	const rows = await db
		.with('account_version', () => accountVersionSource(db, license.account_id, versionTaken))
		.with('inserted', (db) =>
			db
				.insertInto('licenses')
				.values((eb) => ({ ...license, version: eb.selectFrom('account_version').select('version') }))
				.onConflict((oc) => oc.column('id').doNothing())
				.returning(['id', 'serial', 'version'])
		)
		.with('registered', (db) =>
			db
				.updateTable('serials')
				.from('inserted')
				.set((eb) => ({ license_id: eb.ref('inserted.id') }))
				.whereRef('serials.serial', '=', 'inserted.serial')
				.returning('serials.license_id')
		)
		.with('journal', () => journalInsert(db, journal))
		.selectFrom('inserted')
		.innerJoin('registered', 'registered.license_id', 'inserted.id')
		.select('inserted.version')
		.execute();
	return rows[0]?.version ?? null;
}

/** Which account holds a license. A statement of its own on purpose: run after the serial lock, it sees the license
 * that a concurrent registration just committed (a join in the locking query would not). */
export async function licenseAccount(db: Kysely<Database>, licenseId: string): Promise<string | undefined> {
	const row = await db.selectFrom('licenses').select('account_id').where('id', '=', licenseId).executeTakeFirst();
	return row?.account_id;
}
