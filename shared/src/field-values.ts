/**
 * Custom field values (DESIGN §1 "custom data"): one rule for what a field of each type accepts, so the device
 * checks a value before queueing it and the server judges it again against the definitions it holds at apply time.
 */
import type { FieldDefinitionRow, FieldValue } from './entities.ts';

export type FieldValueProblem = 'not_text' | 'too_long' | 'not_number' | 'not_date' | 'not_a_choice';

export const MAX_TEXT_FIELD = 1000;

function isCalendarDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Null (clearing the field) is always accepted; otherwise the problem with the value, or null when it fits. */
export function fieldValueProblem(definition: Pick<FieldDefinitionRow, 'type' | 'choices'>, value: FieldValue): FieldValueProblem | null {
	if (value === null) return null;
	switch (definition.type) {
		case 'text':
			if (typeof value !== 'string') return 'not_text';
			return value.length > MAX_TEXT_FIELD ? 'too_long' : null;
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? null : 'not_number';
		case 'date':
			return typeof value === 'string' && isCalendarDate(value) ? null : 'not_date';
		case 'choice':
			return typeof value === 'string' && definition.choices.includes(value) ? null : 'not_a_choice';
	}
}

/** A license's fields after an edit: a value sets its field, null removes it, fields not named stay as they were. */
export function mergeFieldValues(fields: Readonly<Record<string, FieldValue>>, values: Readonly<Record<string, FieldValue>>): Record<string, FieldValue> {
	const merged: Record<string, FieldValue> = { ...fields };
	for (const [name, value] of Object.entries(values)) {
		if (value === null) delete merged[name];
		else merged[name] = value;
	}
	return merged;
}

/** The value a field shows: an absent field reads as null, which is also what an edit's `seen` says for "empty". */
export function fieldValueOf(fields: Readonly<Record<string, FieldValue>>, name: string): FieldValue {
	return Object.hasOwn(fields, name) ? fields[name]! : null;
}
