// Fault: webhook deliveries across a SIGKILL of the real server process (`tsx src/main.ts`, its delivery worker
// included). A delivery that failed while the receiver was down is still pending after the kill; the restarted
// process picks it up from the table and the receiver gets the signed event.
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, registration } from '../../../sync-server/src/test/harness.ts';
import { WebhookReceiver } from '../../../sync-server/src/test/webhook-receiver.ts';
import { verifySignature } from '../../../sync-server/src/webhooks/signature.ts';
import { ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let receiver: WebhookReceiver | undefined;

beforeAll(async () => {
	if (onPostgres) server = await ServerProcess.start();
}, 120_000);
afterAll(async () => {
	await receiver?.close();
	await server?.close();
});

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe.skipIf(!onPostgres)('webhooks across a server restart', () => {
	it('delivers an event that was pending when the server was killed, once it is back', async () => {
		receiver = await WebhookReceiver.start();
		const port = receiver.port;
		await receiver.close(); // the receiver is down
		const endpoint = await server.vendor<{ id: string; secret: string }>('POST', '/api/admin/webhooks', { url: receiver.url, events: ['license.issued'] });

		const ws = await server.workspace();
		const serial = await server.freeSerial(ws.accountId);
		const token = await server.login(ws.email);
		const licenseId = crypto.randomUUID();
		const mutation = { id: 1, name: 'license.requestKey', createdAt: new Date().toISOString(), args: { licenseId, accountId: ws.accountId, serial, registration } };
		const res = await fetch(`${server.url}/api/sync/push`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId: crypto.randomUUID(), mutations: [mutation] })
		});
		expect(res.status).toBe(200);

		const delivery = () => server.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpoint.id).executeTakeFirst();
		await until(async () => (await delivery())?.attempts === 1 && (await delivery())?.locked_until === null);
		await server.kill();
		expect(await delivery()).toMatchObject({ status: 'pending', attempts: 1 });
		// The first retry waits 30 s (±20%); that wait is skipped here, as if the server had been down that long.
		await server.db.updateTable('webhook_deliveries').set({ next_attempt_at: new Date() }).where('endpoint_id', '=', endpoint.id).execute();

		await receiver.listen(port);
		await server.restart();
		const [request] = await receiver.waitFor(1, (r) => (JSON.parse(r.body) as { data: { licenseId: string } }).data.licenseId === licenseId, 20_000);
		expect(verifySignature(endpoint.secret, request!.body, String(request!.headers['keyfield-signature']))).toBe(true);
		await until(async () => (await delivery())?.status === 'delivered');
		const log = await server.db.selectFrom('webhook_attempts').select(['attempt', 'ok', 'error']).where('delivery_id', '=', (await delivery())!.id).orderBy('attempt').execute();
		expect(log).toEqual([
			{ attempt: 1, ok: false, error: 'ECONNREFUSED' },
			{ attempt: 2, ok: true, error: null }
		]);
	}, 120_000);
});
