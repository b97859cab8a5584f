// The console's Integrations section against a real webhook receiver on loopback: the vendor adds an endpoint
// (secret shown once), a key request causes license.issued, which arrives signed; the receiver goes down, the
// delivery log shows the failed tries and the next one, the receiver comes back and gets the event (by the retry
// and by Redeliver). And a vendor API token made in the console works as Bearer until it is revoked. 360 px, axe.
import { expect, test, type APIRequestContext, type Locator } from '@playwright/test';
import { WebhookReceiver, type Received } from '../../sync-server/src/test/webhook-receiver.ts';
import { SIGNATURE_HEADER, verifySignature } from '../../sync-server/src/webhooks/signature.ts';
import { App, newSerials, pushAs, registration, signInApi, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

/** A key requested for a new Acme serial from another device: the change that causes `license.issued`. */
async function issueLicense(request: APIRequestContext): Promise<string> {
	const [serial] = await newSerials(request, 'admin@acme.test', 1);
	const accountId = (await signInApi(request, 'admin@acme.test')).accounts[0]!.id;
	const licenseId = crypto.randomUUID();
	const [result] = await pushAs(request, 'admin@acme.test', [{ name: 'license.requestKey', args: { licenseId, accountId, serial, registration } }]);
	expect(result!.status).toBe('applied');
	return licenseId;
}

/** Presses the log's Refresh until `check` passes: the worker writes each attempt a moment after the receiver sees it. */
async function refreshedUntil(log: Locator, check: () => Promise<void>, timeout = 15_000): Promise<void> {
	await expect(async () => {
		await log.getByRole('button', { name: 'Refresh' }).click();
		await check();
	}).toPass({ timeout });
}

const forLicense = (licenseId: string) => (r: Received) => (JSON.parse(r.body) as { data: { licenseId?: string } }).data.licenseId === licenseId;

let receiver: WebhookReceiver;
test.beforeAll(async () => {
	receiver = await WebhookReceiver.start();
});
test.afterAll(async () => {
	await receiver?.close();
});

test('a vendor connects an order system: API token, and signed webhooks that survive a receiver outage', async ({ page, context, request }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const app = new App(page);
	await app.signIn('vendor@keyfield.test');
	await page.goto('/vendor/customers');
	await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Integrations' }).click();
	await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: /API reference/ })).toHaveAttribute('href', '/api/docs');

	// A token for the order system: read scope (ticked by default), shown once, works as Bearer, then revoked.
	const name = `Orders ${Date.now()}`;
	await page.getByLabel('Name').fill(name);
	await page.getByRole('button', { name: 'Create token' }).click();
	const shownToken = page.getByTestId('new-token');
	await expect(shownToken).toHaveText(/^kf_live_[A-Za-z0-9_-]{43}$/);
	const token = (await shownToken.textContent())!;
	const bearer = { authorization: `Bearer ${token}` };
	expect((await request.get('/api/admin/webhooks', { headers: bearer })).status()).toBe(200);
	await page.getByRole('button', { name: 'I have copied it' }).click();
	const tokenItem = page.getByRole('listitem').filter({ hasText: name });
	await expect(tokenItem).toContainText('Scopes: read');
	await tokenItem.getByRole('button', { name: `Revoke the token ${name}` }).click();
	await tokenItem.getByRole('button', { name: 'Yes, revoke it' }).click();
	await expect(page.getByRole('status').filter({ hasText: `The token ${name} was revoked` })).toBeVisible();
	expect((await request.get('/api/admin/webhooks', { headers: bearer })).status()).toBe(401);

	// The endpoint: every event ticked by default; the signing secret is shown once.
	await page.getByLabel('Receiver URL').fill(receiver.url);
	await page.getByLabel('Description (optional)').fill('e2e order system');
	await expect(page.getByRole('checkbox', { name: 'License issued' })).toBeChecked();
	await page.getByRole('button', { name: 'Add endpoint' }).click();
	const shownSecret = page.getByTestId('new-webhook-secret');
	await expect(shownSecret).toHaveText(/^whsec_/);
	const secret = (await shownSecret.textContent())!;
	await page.getByRole('button', { name: 'Copy', exact: true }).click();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
	await page.getByRole('button', { name: 'I have copied it' }).click();
	await expect(page.getByText(secret)).toHaveCount(0);

	const first = await issueLicense(request);
	const [delivered] = await receiver.waitFor(1, forLicense(first));
	expect(verifySignature(secret, delivered!.body, String(delivered!.headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(true);
	expect(delivered!.headers['keyfield-event']).toBe('license.issued');

	// By keyboard: the toggle says whether the log is open.
	const toggle = page.getByRole('button', { name: `Delivery log of ${receiver.url}` });
	await toggle.focus();
	await page.keyboard.press('Enter');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	const log = page.getByRole('region', { name: `Delivery log of ${receiver.url}` });
	await refreshedUntil(log, async () => {
		await expect(log.getByTestId('delivery').first()).toContainText(/License issued · Delivered/, { timeout: 1000 });
		await expect(log.getByTestId('delivery').first()).toContainText('Attempts: 1 · last: HTTP 200', { timeout: 1000 });
	});

	// The receiver goes down (port closed): the worker's tries fail and the log says when it tries again.
	await receiver.close();
	const second = await issueLicense(request);
	const newest = log.getByTestId('delivery').first();
	await refreshedUntil(log, async () => {
		await expect(newest).toContainText('Pending', { timeout: 1000 });
		await expect(newest).toContainText(/Attempts: [2-9] · last: ECONNREFUSED/, { timeout: 1000 });
		await expect(newest).toContainText('Next try', { timeout: 1000 });
	});
	// Only the log, and no axe run here: every second down adds a doubling wait before the retry that follows.
	await keepScreenshot(log, test.info().outputPath('integrations-outage-360.png'), { fullPage: false });

	// Back up: Redeliver sends the event at once as a new delivery; the pending one lands on its next retry too.
	await receiver.listen();
	await newest.getByRole('button', { name: /^Redeliver License issued/ }).click();
	await expect(log.getByRole('status')).toContainText('License issued is being sent again');
	const arrived = await receiver.waitFor(2, forLicense(second), 20_000);
	for (const r of arrived) expect(verifySignature(secret, r.body, String(r.headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(true);
	expect(new Set(arrived.map((r) => (JSON.parse(r.body) as { id: string }).id)).size).toBe(1); // one event, twice
	await refreshedUntil(log, async () => {
		await expect(log.getByTestId('delivery').filter({ hasText: 'Pending' })).toHaveCount(0, { timeout: 1000 });
		await expect(log.getByTestId('delivery').filter({ hasText: /Delivered.*Delivered/s })).toHaveCount(3, { timeout: 1000 });
	});
	expect(await seriousViolations(page)).toEqual([]);
	await keepScreenshot(page, test.info().outputPath('integrations-recovered-360.png'));

	// Removing the endpoint takes a confirmation.
	const endpoint = page.getByRole('listitem').filter({ hasText: receiver.url });
	await endpoint.getByRole('button', { name: `Remove the endpoint ${receiver.url}` }).click();
	await endpoint.getByRole('button', { name: 'Yes, remove it' }).click();
	await expect(page.getByRole('status').filter({ hasText: `The endpoint ${receiver.url} was removed` })).toBeVisible();

	// The API reference: the server's own page of openapi.json, readable at 360 px.
	await page.getByRole('link', { name: /API reference/ }).click();
	await expect(page.getByRole('heading', { name: /Keyfield sync server API/, level: 1 })).toBeVisible();
	const path = page.getByText('/api/sync/push', { exact: true });
	await path.click(); // opens its <details> (role group)
	await expect(page.getByRole('group').filter({ has: path }).getByRole('heading', { name: 'Request body' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await keepScreenshot(page, test.info().outputPath('api-docs-360.png'), { fullPage: false });
});
