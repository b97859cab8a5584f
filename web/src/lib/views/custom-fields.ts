/**
 * A license's custom data as the device shows it: the account's field definitions, the server's values, and the
 * values of queued edits folded per field in queue order (pending until a pull brings the server's answer).
 */
import { liveQuery, type Observable } from 'dexie';
import { Operations, fieldValueOf, type FieldDefinitionRow, type FieldValue, type LicenseHistoryRow } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';

export interface FieldState {
	name: string;
	definition: FieldDefinitionRow | null; // null: a value under a name the account no longer defines
	value: FieldValue; // what the device shows now
	serverValue: FieldValue; // what the last pull said
	pending: boolean;
}

/** Pure, for tests: definitions first (in name order), then values no definition names. */
export function foldFields(definitions: readonly FieldDefinitionRow[], serverFields: Readonly<Record<string, FieldValue>>, entries: readonly OutboxEntry[], licenseId: string): FieldState[] {
	const pending = new Map<string, FieldValue>();
	for (const entry of entries) {
		if (entry.name !== 'license.setFields') continue;
		const args = Operations['license.setFields'].safeParse(entry.args);
		if (!args.success || args.data.licenseId !== licenseId) continue;
		for (const [name, value] of Object.entries(args.data.values)) pending.set(name, value);
	}
	const state = (name: string, definition: FieldDefinitionRow | null): FieldState => {
		const serverValue = fieldValueOf(serverFields, name);
		return { name, definition, serverValue, value: pending.has(name) ? pending.get(name)! : serverValue, pending: pending.has(name) };
	};
	const defined = [...definitions].sort((a, b) => a.name.localeCompare(b.name)).map((d) => state(d.name, d));
	const names = new Set(definitions.map((d) => d.name));
	const orphans = Object.keys(serverFields).filter((name) => !names.has(name)).sort().map((name) => state(name, null));
	return [...defined, ...orphans];
}

export function licenseFieldsView(licenseId: string, accountId: string, db: KeyfieldDb = getDb()): Observable<FieldState[]> {
	return liveQuery(async () => {
		const [definitions, license, entries] = await Promise.all([
			db.field_definitions.where('accountId').equals(accountId).toArray(),
			db.licenses.get(licenseId),
			signedInEntries(db)
		]);
		return foldFields(definitions, license?.fields ?? {}, entries, licenseId);
	});
}

/** The account's field definitions, pending ones included (for the fields form). */
export function fieldDefinitionsView(accountId: string, db: KeyfieldDb = getDb()): Observable<(FieldDefinitionRow & { pending: boolean })[]> {
	return liveQuery(async () => {
		const rows = await db.field_definitions.where('accountId').equals(accountId).toArray();
		const pending = (await signedInEntries(db))
			.filter((e) => e.name === 'fields.define')
			.map((e) => Operations['fields.define'].safeParse(e.args))
			.flatMap((p) => (p.success && p.data.accountId === accountId && !rows.some((r) => r.id === p.data.fieldId) ? [p.data] : []))
			.map((d) => ({ id: d.fieldId, accountId, version: 0, name: d.name, type: d.type, choices: d.choices, pending: true }));
		return [...rows.map((r) => ({ ...r, pending: false })), ...pending].sort((a, b) => a.name.localeCompare(b.name));
	});
}

/** A license's history, newest first. */
export function licenseHistoryView(licenseId: string, db: KeyfieldDb = getDb()): Observable<LicenseHistoryRow[]> {
	return liveQuery(async () => (await db.license_history.where('licenseId').equals(licenseId).toArray()).sort((a, b) => b.at.localeCompare(a.at) || b.version - a.version));
}
