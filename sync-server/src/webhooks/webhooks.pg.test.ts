// Webhooks end to end: an endpoint registered through the vendor API, events recorded by the pushes and vendor
// confirmations that cause them, a real receiver on loopback getting signed POSTs from the delivery worker, outages
// (503s, a closed port) retried with backoff into the delivery log, a worker restart resuming, redelivery.
import { addDays, todayIn } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { CreatedWebhook, WebhookDeliveryPage } from '@keyfield/shared';
import { registration, requestKey, startTestServer, type TestServer } from '../test/harness.ts';
import { WebhookReceiver, type Received } from '../test/webhook-receiver.ts';
import { recordEvents } from '../db/webhook-events.repository.ts';
import { DeliveryWorker, type WorkerOptions } from './delivery-worker.ts';
import { webhookEvent } from './events.ts';
import { SIGNATURE_HEADER, verifySignature } from './signature.ts';

let server: TestServer;
let vendor: string;
let tech: string;
let acme: string;
let receiver: WebhookReceiver;
let worker: DeliveryWorker;
const fast: WorkerOptions = { pollMs: 20, backoffBaseMs: 60, backoffCapMs: 300 };

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	tech = await server.login('tech@acme.test');
	acme = await server.accountId(tech, 'Acme Field Services');
	receiver = await WebhookReceiver.start();
	worker = new DeliveryWorker(server.db, fast).start();
});
afterAll(async () => {
	await worker?.stop();
	await receiver?.close();
	await server?.close();
});

type Endpoint = z.output<typeof CreatedWebhook>;
type Event = { id: string; type: string; createdAt: string; accountId: string | null; data: Record<string, unknown> };

async function register(url: string, events: string[]): Promise<Endpoint> {
	const res = await server.call('/api/admin/webhooks', { token: vendor, body: { url, events, description: 'order system' } });
	expect(res.status, await res.clone().text()).toBe(201);
	return (await res.json()) as Endpoint;
}

async function deliveries(endpointId: string) {
	const res = await server.call(`/api/admin/webhooks/${endpointId}/deliveries`, { token: vendor });
	expect(res.status).toBe(200);
	return ((await res.json()) as z.output<typeof WebhookDeliveryPage>).deliveries;
}

let nextSerial = 0;
async function getKey(): Promise<string> {
	const serial = server.serials('Acme Field Services', 'KF-VAULT')[nextSerial++]!;
	const mutation = requestKey(1, { accountId: acme, serial });
	const { body } = await server.push(tech, crypto.randomUUID(), [mutation]);
	expect(body.results[0]).toMatchObject({ status: 'applied', result: { existing: false } });
	return mutation.args.licenseId;
}

const event = (r: Received) => JSON.parse(r.body) as Event;
const forLicense = (licenseId: string) => (r: Received) => event(r).data.licenseId === licenseId;

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

describe('webhooks', () => {
	let endpoint: Endpoint;

	it('registers an endpoint (secret shown once) and lists it without the secret', async () => {
		endpoint = await register(receiver.url, ['license.issued', 'voucher.redeemed', 'renewal.requested', 'contract.confirmed']);
		expect(endpoint.secret).toMatch(/^whsec_/);
		const list = await (await server.call('/api/admin/webhooks', { token: vendor })).json();
		expect(JSON.stringify(list)).toContain(endpoint.id);
		expect(JSON.stringify(list)).not.toContain(endpoint.secret);
		const bad = await server.call('/api/admin/webhooks', { token: vendor, body: { url: 'ftp://example.test/x', events: ['license.issued'] } });
		expect(bad.status).toBe(400);
		expect((await server.call('/api/admin/webhooks', { token: vendor, body: { url: receiver.url, events: ['license.deleted'] } })).status).toBe(400);
	});

	it('delivers a signed license.issued after a key is requested through push', async () => {
		const licenseId = await getKey();
		const [request] = await receiver.waitFor(1, forLicense(licenseId));
		const header = String(request!.headers[SIGNATURE_HEADER.toLowerCase()]);
		expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
		expect(verifySignature(endpoint.secret, request!.body, header)).toBe(true);
		expect(verifySignature('whsec_wrong', request!.body, header)).toBe(false);
		expect(verifySignature(endpoint.secret, request!.body.replace(licenseId, crypto.randomUUID()), header)).toBe(false);
		expect(event(request!)).toMatchObject({ type: 'license.issued', accountId: acme, data: { licenseId, origin: 'serial', sku: 'KF-VAULT' } });
		expect(request!.headers['keyfield-event']).toBe('license.issued');
		expect(request!.headers['content-type']).toBe('application/json');

		await until(async () => (await deliveries(endpoint.id)).some((d) => d.status === 'delivered'));
		const [delivery] = await deliveries(endpoint.id);
		expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, eventType: 'license.issued', log: [{ attempt: 1, ok: true, responseStatus: 200, error: null }] });
	});

	it('records no event for a rejected mutation', async () => {
		const before = await server.db.selectFrom('webhook_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
		const { body } = await server.push(tech, crypto.randomUUID(), [requestKey(1, { accountId: acme, serial: server.serials('Globex Industrial')[0]! })]);
		expect(body.results[0]).toMatchObject({ status: 'rejected' });
		const after = await server.db.selectFrom('webhook_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
		expect(after.n).toBe(before.n);
	});

	it('retries a receiver answering 503 with backoff until it is up, with every attempt in the log', async () => {
		receiver.respond = (r) => (event(r).type === 'license.issued' && receiver.received.filter((x) => x.body === r.body).length <= 3 ? 503 : 200);
		try {
			const licenseId = await getKey();
			const requests = await receiver.waitFor(4, forLicense(licenseId));
			// Exponential backoff: each wait longer than the one before (60 ms base, ±20%).
			const gaps = requests.slice(1).map((r, i) => r.at - requests[i]!.at);
			expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
			await until(async () => (await deliveries(endpoint.id)).some((d) => d.status === 'delivered' && d.attempts === 4));
			const delivery = (await deliveries(endpoint.id)).find((d) => d.attempts === 4)!;
			expect(delivery.log.map((a) => [a.attempt, a.ok, a.responseStatus, a.error])).toEqual([
				[1, false, 503, 'HTTP 503'],
				[2, false, 503, 'HTTP 503'],
				[3, false, 503, 'HTTP 503'],
				[4, true, 200, null]
			]);
			// Every attempt carried the same event id; each a fresh signature that verifies.
			expect(new Set(requests.map((r) => event(r).id)).size).toBe(1);
			for (const r of requests) expect(verifySignature(endpoint.secret, r.body, String(r.headers['keyfield-signature']))).toBe(true);
		} finally {
			receiver.respond = () => 200;
		}
	});

	it('survives a closed port and a worker restart: pending deliveries resume from the table', async () => {
		const down = await WebhookReceiver.start();
		const port = down.port;
		await down.close(); // nothing listens on the port now
		const closed = await register(down.url, ['license.issued']);
		const licenseId = await getKey();
		await until(async () => ((await deliveries(closed.id))[0]?.attempts ?? 0) >= 2);
		await worker.stop(); // the "server" stops with the delivery pending
		const [pending] = await deliveries(closed.id);
		expect(pending).toMatchObject({ status: 'pending' });
		expect(pending!.log.every((a) => !a.ok && a.responseStatus === null && a.error === 'ECONNREFUSED')).toBe(true);

		await down.listen(port); // the receiver comes back
		worker = new DeliveryWorker(server.db, fast).start(); // and so does the "server"
		const [request] = await down.waitFor(1, forLicense(licenseId));
		expect(verifySignature(closed.secret, request!.body, String(request!.headers['keyfield-signature']))).toBe(true);
		await until(async () => (await deliveries(closed.id))[0]!.status === 'delivered');
		const [done] = await deliveries(closed.id);
		expect(done!.log.at(-1)).toMatchObject({ ok: true, responseStatus: 200 });
		expect(done!.log.filter((a) => !a.ok).length).toBeGreaterThanOrEqual(2);
		await down.close();
		// Removing the endpoint: nothing more is delivered there.
		expect((await server.call(`/api/admin/webhooks/${closed.id}`, { token: vendor, method: 'DELETE' })).status).toBe(200);
		expect((await server.call(`/api/admin/webhooks/${closed.id}/deliveries`, { token: vendor })).status).toBe(404);
	});

	it('gives up after the last attempt, and redelivers on request', async () => {
		await worker.stop();
		worker = new DeliveryWorker(server.db, { ...fast, maxAttempts: 3 }).start();
		receiver.respond = () => 500;
		try {
			const licenseId = await getKey();
			await until(async () => (await deliveries(endpoint.id)).some((d) => d.status === 'failed'));
			const failed = (await deliveries(endpoint.id)).find((d) => d.status === 'failed')!;
			expect(failed.log.map((a) => a.responseStatus)).toEqual([500, 500, 500]);
			expect(failed.nextAttemptAt).toBeNull();

			receiver.respond = () => 200;
			const res = await server.call(`/api/admin/webhooks/deliveries/${failed.id}/redeliver`, { token: vendor, method: 'POST' });
			expect(res.status).toBe(201);
			const { id } = (await res.json()) as { id: string };
			const requests = await receiver.waitFor(4, forLicense(licenseId));
			expect(requests.at(-1)!.headers['keyfield-delivery']).toBe(id);
			expect(event(requests.at(-1)!).id).toBe(failed.eventId);
			await until(async () => (await deliveries(endpoint.id)).find((d) => d.id === id)?.status === 'delivered');
			expect((await server.call(`/api/admin/webhooks/deliveries/${crypto.randomUUID()}/redeliver`, { token: vendor, method: 'POST' })).status).toBe(404);
		} finally {
			receiver.respond = () => 200;
			await worker.stop();
			worker = new DeliveryWorker(server.db, fast).start();
		}
	});

	it('sends voucher.redeemed, renewal.requested and contract.confirmed from the changes that cause them', async () => {
		const partner = await server.login('partner@northwind.test');
		const code = server.seed.vouchers[0]!.codes[0]!;
		const voucherLicense = crypto.randomUUID();
		const { body } = await server.push(partner, crypto.randomUUID(), [{ id: 1, name: 'voucher.redeem', createdAt: new Date().toISOString(), args: { licenseId: voucherLicense, accountId: acme, code, registration } }]);
		expect(body.results[0]).toMatchObject({ status: 'applied' });
		const voucherEvents = await receiver.waitFor(2, forLicense(voucherLicense));
		expect(voucherEvents.map((r) => event(r).type).sort()).toEqual(['license.issued', 'voucher.redeemed']);
		expect(event(voucherEvents.find((r) => event(r).type === 'voucher.redeemed')!).data).toMatchObject({ code, accountId: acme });

		const today = todayIn('UTC');
		const endsOn = addDays(today, 20);
		const cert = (await (await server.call('/api/admin/certificates', { token: vendor, body: { accountId: acme, sku: 'KF-EDGE', quantity: 2, maintenanceEnd: endsOn, serialCount: 1 } })).json()) as { id: string };
		const contract = await server.call('/api/admin/contracts', { token: vendor, body: { accountId: acme, certificateId: cert.id, startsOn: addDays(endsOn, -364), endsOn, channel: 'online', purchasedOn: addDays(endsOn, -364) } });
		const { id: contractId } = (await contract.json()) as { id: string };
		const admin = await server.login('admin@acme.test');
		const renewalId = crypto.randomUUID();
		const renewed = await server.push(admin, crypto.randomUUID(), [{ id: 1, name: 'contract.renew', createdAt: new Date().toISOString(), args: { renewalId, contractId, accountId: acme } }]);
		expect(renewed.body.results[0]).toMatchObject({ status: 'applied' });
		const forContract = (r: Received) => event(r).data.contractId === contractId;
		const [requested] = await receiver.waitFor(1, forContract);
		expect(event(requested!)).toMatchObject({ type: 'renewal.requested', data: { contractId, renewalId, endsOn } });

		const confirm = await server.call(`/api/admin/contracts/${contractId}/confirm-renewal`, { token: vendor, body: { renewalId } });
		expect(confirm.status).toBe(200);
		const both = await receiver.waitFor(2, forContract);
		expect(event(both.find((r) => event(r).type === 'contract.confirmed')!).data).toMatchObject({ contractId, kind: 'renewal', renewalId, revision: expect.any(Number) });
		// Confirming again changes nothing, so it sends nothing.
		expect((await server.call(`/api/admin/contracts/${contractId}/confirm-renewal`, { token: vendor, body: { renewalId } })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(receiver.received.filter(forContract)).toHaveLength(2);
	});

	it('takes a vendor token with the webhooks scope, and journals endpoint changes', async () => {
		const created = (await (await server.call('/api/admin/tokens', { token: vendor, body: { name: 'hooks', scopes: ['webhooks'] } })).json()) as { token: string };
		expect((await server.call('/api/admin/webhooks', { token: created.token })).status).toBe(200);
		const catalogOnly = (await (await server.call('/api/admin/tokens', { token: vendor, body: { name: 'catalog', scopes: ['catalog'] } })).json()) as { token: string };
		expect((await server.call('/api/admin/webhooks', { token: catalogOnly.token })).status).toBe(403);
		const actions = (await server.db.selectFrom('activity').select('action').where('action', 'like', 'admin.webhook.%').execute()).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['admin.webhook.create', 'admin.webhook.delete', 'admin.webhook.redeliver']));
	});

	it('shares the work between processes: two workers deliver each event exactly once', async () => {
		await worker.stop();
		const shared = await WebhookReceiver.start();
		const hook = await register(shared.url, ['renewal.requested']);
		const events = Array.from({ length: 40 }, (_, i) => webhookEvent('renewal.requested', acme, { n: i }));
		await server.db.transaction().execute((tx) => recordEvents(tx, events));
		const workers = [new DeliveryWorker(server.db, { ...fast, batchSize: 5 }).start(), new DeliveryWorker(server.db, { ...fast, batchSize: 5 }).start()];
		try {
			await shared.waitFor(40, (r) => r.headers['keyfield-event'] === 'renewal.requested');
			await until(async () => (await deliveries(hook.id)).every((d) => d.status === 'delivered'));
			await new Promise((resolve) => setTimeout(resolve, 200));
			const ids = shared.received.map((r) => event(r).id);
			expect(ids).toHaveLength(40);
			expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)));
		} finally {
			await Promise.all(workers.map((w) => w.stop()));
			await shared.close();
			worker = new DeliveryWorker(server.db, fast).start();
		}
	});

	it('pages the delivery log newest first: `next` as `after` until null, every delivery once; a forged cursor is a 400', async () => {
		const hook = await register('http://127.0.0.1:9/never', ['renewal.requested']);
		const events = Array.from({ length: 12 }, (_, i) => webhookEvent('renewal.requested', acme, { n: i }));
		await server.db.transaction().execute((tx) => recordEvents(tx, events));
		const seen: string[] = [];
		const sizes: number[] = [];
		let after: string | null = '';
		while (after !== null) {
			const res = await server.call(`/api/admin/webhooks/${hook.id}/deliveries?limit=5${after ? `&after=${after}` : ''}`, { token: vendor });
			expect(res.status).toBe(200);
			const page = (await res.json()) as z.output<typeof WebhookDeliveryPage>;
			sizes.push(page.deliveries.length);
			seen.push(...page.deliveries.map((d) => d.id));
			after = page.next;
		}
		expect(sizes).toEqual([5, 5, 2]);
		expect(new Set(seen).size).toBe(12);
		const bad = await server.call(`/api/admin/webhooks/${hook.id}/deliveries?after=not-a-cursor`, { token: vendor });
		expect(bad.status).toBe(400);
		await server.call(`/api/admin/webhooks/${hook.id}`, { token: vendor, method: 'DELETE' });
	});
});
