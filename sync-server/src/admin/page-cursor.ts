/**
 * Opaque keyset cursors for the console's tables: base64url JSON of the last row's id (and the sort it was read in).
 * The next page starts after that row's key, read from the row itself, so a cursor carries no value that could
 * be forged into a bad comparison; a cursor that does not decode is a 400, one naming a row gone is an empty page.
 */
import { ErrorCode } from '@keyfield/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';

export function encodeCursor(value: Record<string, unknown>): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
	let json: unknown;
	try {
		json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		json = undefined;
	}
	const parsed = schema.safeParse(json);
	if (!parsed.success) throw badCursor();
	return parsed.data;
}

export const badCursor = () => new AppError(400, ErrorCode.validationFailed, 'The page cursor is not valid; start from the first page.', { field: 'after' });

const IdCursor = z.object({ id: z.uuid() });

/** The row id an `after` cursor of a table paged by row id names; undefined on the first page. */
export function afterRowId(after: string | undefined): string | undefined {
	return after === undefined ? undefined : decodeCursor(IdCursor, after).id;
}

/** `pageOf` for a table paged by row id alone. */
export function pageByRowId<T extends { id: string }>(rows: T[], limit: number): { rows: T[]; next: string | null } {
	return pageOf(rows, limit, (last) => ({ id: last.id }));
}

/** Rows read with `limit + 1`: the page, and the cursor after its last row when there is more. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => Record<string, unknown>): { rows: T[]; next: string | null } {
	if (rows.length <= limit) return { rows, next: null };
	const page = rows.slice(0, limit);
	return { rows: page, next: encodeCursor(cursorOf(page[page.length - 1]!)) };
}
