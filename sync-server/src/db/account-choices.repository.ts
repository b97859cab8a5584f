/** Accounts for a vendor form's account field: by part of the name (case-insensitive) or the exact id, a short list. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

const LIMIT = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function accountChoices(db: Kysely<Database>, filter: { q?: string | undefined; kind?: 'customer' | 'partner' | 'oem' | undefined }) {
	let query = db
		.selectFrom('accounts')
		.select(['id', 'name', 'kind'])
		.where('kind', 'in', filter.kind ? [filter.kind] : ['customer', 'partner', 'oem'])
		.orderBy('name')
		.orderBy('id')
		.limit(LIMIT);
	const q = filter.q?.trim();
	if (q && UUID.test(q)) query = query.where('id', '=', q.toLowerCase());
	// strpos, not LIKE: a % or _ typed into the search is a character, not a pattern.
	else if (q) query = query.where(sql<boolean>`strpos(lower(name), lower(${q})) > 0`);
	return (await query.execute()) as { id: string; name: string; kind: 'customer' | 'partner' | 'oem' }[];
}
