/** Reads a JSON body and validates it with a zod schema: bad JSON -> 400 invalid_json, wrong shape -> 400 validation_failed. */
import { ErrorCode } from '@keyfield/shared';
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors.ts';

export function validationFailed(error: z.ZodError): AppError {
	const issues = error.issues.slice(0, 20).map(({ code, path, message }) => ({ code, path, message }));
	return new AppError(400, ErrorCode.validationFailed, 'The request is not valid.', { issues });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw validationFailed(parsed.error);
	return parsed.data;
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
	const text = await c.req.text();
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new AppError(400, ErrorCode.invalidJson, 'The request body is not valid JSON.');
	}
	return parseWith(schema, value);
}
