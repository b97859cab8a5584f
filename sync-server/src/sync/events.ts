/**
 * `GET /api/sync/events`: a data-free `poke` whenever an account in the user's scope changes. Pokes are
 * debounced per connection (a burst of writes becomes one pull). The scope is re-read after each poke and on
 * every heartbeat, so a new delegation or membership starts reaching this connection without a reconnect.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Kysely } from 'kysely';
import { scopeAccountIds } from '../db/scope.repository.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../http/env.ts';
import type { PokeHub } from './pokes.ts';

export type EventsOptions = { db: Kysely<Database>; pokes: PokeHub; debounceMs: number; heartbeatMs: number };

export function eventStream(c: Context<AppEnv>, { db, pokes, debounceMs, heartbeatMs }: EventsOptions): Response {
	const userId = c.get('user').id;
	c.header('Cache-Control', 'no-cache, no-transform');
	c.header('X-Accel-Buffering', 'no'); // nginx would otherwise hold the stream back
	return streamSSE(c, async (stream) => {
		let scope = new Set(await scopeAccountIds(db, userId));
		const refreshScope = async () => {
			scope = new Set(await scopeAccountIds(db, userId).catch(() => [...scope]));
		};
		let pending: NodeJS.Timeout | undefined;
		const sendPoke = async () => {
			pending = undefined;
			await stream.writeSSE({ event: 'poke', data: '{}' });
			await refreshScope();
		};
		const unsubscribe = pokes.subscribe((accountId) => {
			if (accountId !== null && !scope.has(accountId)) return;
			pending ??= setTimeout(() => void sendPoke().catch(() => {}), debounceMs);
		});
		const heartbeat = setInterval(() => {
			void stream.write(': heartbeat\n\n').then(refreshScope).catch(() => {});
		}, heartbeatMs);
		await stream.write(': connected\n\n');
		await new Promise<void>((resolve) => stream.onAbort(resolve));
		unsubscribe();
		clearInterval(heartbeat);
		clearTimeout(pending);
	});
}
