/**
 * Named prepared statements, for the hot statements whose planning costs more than their execution. The pull
 * page's UNION of ~20 change sources took 1.9 ms to plan and 0.5 ms to run for an incremental pull; prepared, it
 * runs from a generic plan after five executions (planning 0.03 ms). The session lookup every request makes is
 * one too. A statement whose SQL starts or ends with `preparedMark(name)` (`modifyEnd` for a Kysely builder) is
 * parsed once per pg connection and executed by name afterwards; its text must be the same on every call (values
 * are parameters). PGlite, in-process, runs it as plain SQL: the mark is a comment.
 */
import { sql } from 'kysely';
import type pg from 'pg';

// At the very start or end only: a statement that embeds a marked one (an EXPLAIN of it, say) is another statement.
const MARK = /^\/\* prepared:([a-z_]+) \*\/|\/\* prepared:([a-z_]+) \*\/$/;

export const preparedMark = (name: string) => sql.raw(`/* prepared:${name} */`);

/** Makes `client` run marked statements by name (Kysely calls `query(text, values)`). */
export function runMarkedAsPrepared(client: pg.PoolClient): void {
	const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
	client.query = ((config: unknown, values?: unknown) => {
		const match = typeof config === 'string' ? MARK.exec(config) : null;
		const name = match?.[1] ?? match?.[2];
		return name ? query({ name, text: config, values }) : query(config, values);
	}) as typeof client.query;
}
