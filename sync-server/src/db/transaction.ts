import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

// deadlock_detected, serialization_failure: nothing was committed, so running the whole transaction again is safe.
const RETRYABLE = new Set(['40P01', '40001']);

export async function withRetry<T>(
	db: Kysely<Database>,
	work: (tx: Transaction<Database>) => Promise<T>,
	{ isolation, attempts = 4 }: { isolation?: 'repeatable read'; attempts?: number } = {}
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			const begin = isolation ? db.transaction().setIsolationLevel(isolation) : db.transaction();
			return await begin.execute(work);
		} catch (err) {
			const code = (err as { code?: unknown }).code;
			if (attempt >= attempts || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
			await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
		}
	}
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
	const e = err as { code?: unknown; constraint?: unknown };
	return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
