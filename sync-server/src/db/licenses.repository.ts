import { sql, type Kysely } from 'kysely';
import type { Database, NewLicense } from './schema.ts';

/**
 * Inserts the license and marks its serial registered in one statement (push runs this per mutation, so round
 * trips count). Returns false when the license id is taken, writing nothing.
 */
export async function insertLicense(db: Kysely<Database>, license: NewLicense): Promise<boolean> {
	const insert = db.insertInto('licenses').values(license).onConflict((oc) => oc.column('id').doNothing()).returning(['id', 'serial']);
	const rows = await db
		.with('inserted', () => insert)
		.updateTable('serials')
		.from('inserted')
		.set({ license_id: sql`inserted.id` })
		.whereRef('serials.serial', '=', 'inserted.serial')
		.returning('serials.license_id')
		.execute();
	return rows.length === 1;
}

/** Which account holds a license. A statement of its own on purpose: run after the serial lock, it sees the license
 * that a concurrent registration just committed (a join in the locking query would not). */
export async function licenseAccount(db: Kysely<Database>, licenseId: string): Promise<string | undefined> {
	const row = await db.selectFrom('licenses').select('account_id').where('id', '=', licenseId).executeTakeFirst();
	return row?.account_id;
}
