/**
 * Demo API tokens, so the token screens are not empty: one for Acme's inventory system (admin@acme.test sees it at
 * /account/tokens) and one for the vendor's order system. Their secrets are thrown away here on purpose: a token
 * is shown only when it is created, and the start prints none. Create your own to try them.
 */
import type { Kysely } from 'kysely';
import { createToken } from '../integrations/tokens.service.ts';
import type { Database } from '../db/schema.ts';

export async function seedDemoTokens(db: Kysely<Database>, acmeId: string): Promise<void> {
	const users = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', ['admin@acme.test', 'vendor@keyfield.test']).execute();
	const actor = (email: string) => ({ userId: users.find((u) => u.email === email)!.id, email, ip: null });
	await createToken(db, actor('admin@acme.test'), { kind: 'account', accountId: acmeId, name: 'Inventory system (demo)', scopes: ['read'] });
	await createToken(db, actor('vendor@keyfield.test'), { kind: 'vendor', accountId: null, name: 'Order system (demo)', scopes: ['accounts', 'entitlements', 'contracts', 'read'] });
}
