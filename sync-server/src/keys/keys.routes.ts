import type { PublicKeysResponse } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../http/env.ts';
import type { Signer } from './signing-key.ts';

/** Records this process's public key, so `/api/keys` lists the keys of every process sharing the database. */
export async function publishPublicKey(db: Kysely<Database>, signer: Signer): Promise<void> {
	await db
		.insertInto('signing_keys')
		.values({ kid: signer.kid, public_key: signer.publicKey })
		.onConflict((oc) => oc.column('kid').doNothing())
		.execute();
}

export function keysRoutes(db: Kysely<Database>) {
	return new Hono<AppEnv>().get('/', async (c) => {
		const rows = await db.selectFrom('signing_keys').select(['kid', 'public_key']).orderBy('created_at').execute();
		const body: z.infer<typeof PublicKeysResponse> = { keys: rows.map((r) => ({ kid: r.kid, alg: 'Ed25519', publicKey: r.public_key })) };
		// Public and rarely changing; an hour lets the app and proxies cache it while new keys still show up soon.
		c.header('Cache-Control', 'public, max-age=3600');
		return c.json(body);
	});
}
