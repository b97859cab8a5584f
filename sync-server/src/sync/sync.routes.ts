import { PullRequest, PushRequest } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Signer } from '../keys/signing-key.ts';
import type { OperationServices } from '../operations/operation.ts';
import { eventStream } from './events.ts';
import type { PokeHub } from './pokes.ts';
import { pull } from './pull.service.ts';
import { push } from './push.service.ts';

export type SyncDeps = {
	db: Kysely<Database>;
	signer: Signer;
	services: OperationServices;
	pokes: PokeHub;
	trustProxy: boolean;
	pokeDebounceMs: number;
	heartbeatMs: number;
};

export function syncRoutes(deps: SyncDeps) {
	const { db } = deps;
	return new Hono<AppEnv>()
		.use(requireUser(db))
		.post('/push', async (c) => {
			const request = await jsonBody(c, PushRequest);
			return c.json(await push(deps, c.get('user').id, clientIp(c, deps.trustProxy), request));
		})
		.post('/pull', async (c) => {
			const request = await jsonBody(c, PullRequest);
			return c.json(await pull(db, c.get('user').id, request));
		})
		.get('/events', (c) =>
			eventStream(c, { db, pokes: deps.pokes, debounceMs: deps.pokeDebounceMs, heartbeatMs: deps.heartbeatMs })
		);
}
