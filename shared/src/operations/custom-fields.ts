/** Custom data on licenses: an account's field definitions, and per-field edits that merge. */
import { z } from 'zod';
import { FieldName, FieldType, FieldValue, Uuid } from '../entities.ts';

export const DefineFieldArgs = z
	.object({
		fieldId: Uuid,
		accountId: Uuid,
		name: FieldName,
		type: FieldType,
		choices: z.array(z.string().trim().min(1).max(100)).max(50).default([])
	})
	.refine((d) => (d.type === 'choice' ? d.choices.length > 0 && new Set(d.choices).size === d.choices.length : d.choices.length === 0), {
		message: 'a choice field needs distinct choices; other types take none',
		path: ['choices']
	});
export type DefineFieldArgs = z.input<typeof DefineFieldArgs>;

const FieldValues = z.record(FieldName, FieldValue);

/**
 * `values` sets (or with null clears) fields by name; `seen` is what the device showed for each of them when the
 * person edited, so the server can tell an edit that replaced a value its editor never saw (kept in the history).
 */
export const SetFieldsArgs = z
	.object({ licenseId: Uuid, accountId: Uuid, values: FieldValues, seen: FieldValues })
	.refine((a) => Object.keys(a.values).length > 0 && Object.keys(a.values).length <= 50, { message: 'between 1 and 50 fields', path: ['values'] })
	.refine((a) => Object.keys(a.values).every((name) => Object.hasOwn(a.seen, name)), { message: 'every edited field needs what the device showed', path: ['seen'] });
export type SetFieldsArgs = z.input<typeof SetFieldsArgs>;
