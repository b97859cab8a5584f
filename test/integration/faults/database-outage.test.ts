// Fault: Postgres goes away during a sync (a restart, seen through a proxy that cuts every connection and refuses
// new ones) and comes back. Meanwhile the server answers 503 with the error shape and Retry-After — never a 500,
// never a hang — and afterwards it recovers by itself; the device's queued work applies exactly once.
import { ErrorBody } from '@keyfield/shared';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../sync-server/src/app.ts';
import { connectPostgres, type DbHandle } from '../../../sync-server/src/db/connect.ts';
import { onPostgres, startTestServer, type TestServer } from '../../../sync-server/src/test/harness.ts';
import { PokeHub } from '../../../sync-server/src/sync/pokes.ts';
import { enqueue } from '../../../web/src/lib/ops/enqueue.ts';
import { newDevice, registration, signIn, testEngine, type Device } from '../support/device.ts';
import { ApiClient } from '../support/server.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

let harness: TestServer;
let proxy: TcpProxy;
let handle: DbHandle;
let pokes: PokeHub;
let http: Server;
let api: ApiClient;
let device: Device;

beforeAll(async () => {
	if (!onPostgres) return;
	harness = await startTestServer(); // a fresh, migrated, seeded database
	const direct = new URL(harness.testDb.url!);
	proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
	const viaProxy = new URL(direct);
	viaProxy.host = `127.0.0.1:${proxy.port}`;
	handle = connectPostgres(viaProxy.toString());
	pokes = await PokeHub.start(handle);
	const app = createApp({ db: handle.db, signer: harness.signer, pokes, webDir: null, trustProxy: true });
	http = await new Promise<Server>((resolve) => {
		const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server));
	});
	api = new ApiClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`);
}, 60_000);
afterAll(async () => {
	await device?.db.close();
	http?.closeAllConnections();
	http?.close();
	await proxy?.up().catch(() => {});
	await pokes?.close();
	await handle?.close();
	await harness?.close();
});

describe.skipIf(!onPostgres)('Postgres restarts during a sync', () => {
	it('answers 503 with the error shape meanwhile, recovers by itself, and applies the queue once', async () => {
		const ws = await api.workspace();
		const serials = await api.freeSerials(ws.accountId, 50);
		device = newDevice(api);
		await signIn(device, ws.email);
		for (const serial of serials) await enqueue('license.requestKey', { licenseId: crypto.randomUUID(), accountId: ws.accountId, serial, registration }, device.db);

		await proxy.down();
		for (const [path, body] of [['/api/health', undefined], ['/api/sync/pull', { protocolVersion: 1, schemaVersion: 2, clientId: crypto.randomUUID(), cursor: null }]] as const) {
			const started = performance.now();
			const res = await device.fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
			expect(res.status, path).toBe(503);
			expect(res.headers.get('retry-after')).toBe('5');
			expect(ErrorBody.parse(await res.json()).error.code).toBe('unavailable');
			expect(performance.now() - started).toBeLessThan(15_000); // an answer, not a hang
		}
		const t = testEngine(device);
		await t.engine.sync(); // fails softly: the outbox is kept and a retry is scheduled
		expect(await device.db.outbox.count()).toBe(50);
		expect(t.timers.length).toBeGreaterThan(0);

		await proxy.up();
		let healthy = false;
		for (let i = 0; i < 100 && !healthy; i++) {
			healthy = (await fetch(`${api.url}/api/health`)).ok;
			if (!healthy) await new Promise((r) => setTimeout(r, 100));
		}
		expect(healthy).toBe(true);
		await t.engine.sync();
		expect(await device.db.outbox.count()).toBe(0);
		expect(await harness.db.selectFrom('licenses').select('id').where('account_id', '=', ws.accountId).execute()).toHaveLength(50);
	}, 120_000);
});
