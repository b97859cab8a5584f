/** SQL for custom data: an account's field definitions, a license's fields, and their history. */
import type { FieldValue } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { FieldDefinitionsTable } from './field-operations.schema.ts';
import type { Database } from './schema.ts';
import { isUniqueViolation } from './transaction.ts';

type Db = Kysely<Database>;

export type NewFieldDefinition = { id: string; accountId: string; version: number; name: string; type: FieldDefinitionsTable['type']; choices: string[] };

/** 'ok', or which uniqueness it ran into (the id, or the name in this account); nothing is written then. */
export async function insertFieldDefinition(db: Db, d: NewFieldDefinition): Promise<'ok' | 'id_taken' | 'name_taken'> {
	try {
		const row = await db
			.insertInto('field_definitions')
			.values({ id: d.id, account_id: d.accountId, version: d.version, name: d.name, type: d.type, choices: JSON.stringify(d.choices) })
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.executeTakeFirst();
		return row ? 'ok' : 'id_taken';
	} catch (err) {
		if (isUniqueViolation(err)) return 'name_taken';
		throw err;
	}
}

export async function fieldDefinitions(db: Db, accountId: string) {
	return db.selectFrom('field_definitions').select(['name', 'type', 'choices']).where('account_id', '=', accountId).execute();
}

/** The license in that account, locked so that edits of one license apply one after another. */
export async function lockLicenseFields(db: Db, licenseId: string, accountId: string) {
	return db.selectFrom('licenses').select(['id', 'fields']).where('id', '=', licenseId).where('account_id', '=', accountId).forUpdate().executeTakeFirst();
}

export async function writeLicenseFields(db: Db, licenseId: string, accountId: string, fields: Record<string, FieldValue>, version: number): Promise<void> {
	await db.updateTable('licenses').set({ fields: JSON.stringify(fields), version }).where('id', '=', licenseId).where('account_id', '=', accountId).execute();
}

/** Who set each named field's current value: the newest history row per field (none for a value never edited). */
export async function lastSetters(db: Db, licenseId: string, accountId: string, fields: readonly string[]): Promise<Map<string, string | null>> {
	if (fields.length === 0) return new Map();
	const rows = await db
		.selectFrom('license_history')
		.select(['field', 'changed_by_user_id'])
		.distinctOn('field')
		.where('license_id', '=', licenseId)
		.where('account_id', '=', accountId)
		.where('field', 'in', fields)
		.orderBy('field')
		.orderBy('seq', 'desc')
		.execute();
	return new Map(rows.map((r) => [r.field, r.changed_by_user_id]));
}

export type NewHistoryRow = {
	id: string;
	accountId: string;
	version: number;
	licenseId: string;
	field: string;
	oldValue: FieldValue;
	newValue: FieldValue;
	changedBy: string;
	changedByUserId: string;
	replacedUserId: string | null;
};

export async function insertHistory(db: Db, rows: readonly NewHistoryRow[]): Promise<void> {
	if (rows.length === 0) return;
	await db
		.insertInto('license_history')
		.values(
			rows.map((r) => ({
				id: r.id,
				account_id: r.accountId,
				version: r.version,
				license_id: r.licenseId,
				field: r.field,
				old_value: JSON.stringify(r.oldValue),
				new_value: JSON.stringify(r.newValue),
				changed_by: r.changedBy,
				changed_by_user_id: r.changedByUserId,
				replaced_user_id: r.replacedUserId
			}))
		)
		.execute();
}
