// Renewals, continued, in real Chromium at 360 px: the demo admin lands on the expiry dashboard; a renewal requested
// offline with a photo attached survives a reload, is sent when the signal is back, the photo uploads in chunks with
// progress, the vendor confirms through the API and the device shows the new end, the activation code and the
// re-signed key; reminders become system notifications once.
import { createHash } from 'node:crypto';
import { deflateSync, crc32 } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { App, DEMO_PASSWORD, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';
import { asVendor, GLOBEX, longDate, newContract } from './renewal-fixtures.ts';

test.describe.configure({ mode: 'serial' });

/** A real PNG of random pixels (so it does not compress): about 3 bytes a pixel, several upload chunks. */
function randomPng(width: number, height: number): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const out = Buffer.alloc(body.length + 8);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc32(body), body.length + 4);
		return out;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const rows = Buffer.alloc((width * 3 + 1) * height);
	for (let i = 0; i < rows.length; i++) rows[i] = i % (width * 3 + 1) === 0 ? 0 : (Math.random() * 256) | 0;
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

async function signInByHand(app: App, email: string) {
	await app.page.goto('/');
	await app.page.getByLabel('Email').fill(email);
	await app.page.getByLabel('Password').fill(DEMO_PASSWORD);
	await app.page.getByRole('button', { name: 'Sign in' }).click();
}

test('the demo admin lands on the expiry dashboard; a technician on the licenses', async ({ page, browser }) => {
	const admin = new App(page);
	await signInByHand(admin, 'admin@acme.test');
	await expect(page).toHaveURL(/\/expiry$/);
	await expect(page.getByRole('heading', { name: 'What expires when', level: 1 })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Contracts by time left' }).getByRole('button')).toHaveCount(4);
	await expect(page.getByRole('button', { name: 'Notify me' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	const tech = new App(await (await browser.newContext()).newPage());
	await signInByHand(tech, 'tech@acme.test');
	await expect(tech.page.getByRole('heading', { name: 'Licenses', level: 1 })).toBeVisible();
	await expect(tech.page).toHaveURL(/\/$/);
	await tech.page.context().close();
});

test('a renewal requested offline with a photo: uploaded with progress when online, confirmed, with activation code and re-signed key', async ({ page, context, request }) => {
	test.slow(); // a key, an offline spell, a throttled upload, a confirmation and two accessibility passes
	// In Globex: the contract ends up renewed, and renewals.spec counts Acme's demo contracts by bucket.
	const contract = await newContract(request, 10, GLOBEX);
	const photo = randomPng(400, 500); // ~600 KB: three chunks of 256 KiB
	const app = new App(page);
	await app.signIn(GLOBEX.admin);
	await app.getKey(contract.serial);
	await expect(page.getByText('Your key is ready.')).toBeVisible({ timeout: 20_000 });
	await app.waitForOfflineReady();
	await page.goto(`/expiry/${contract.id}`);
	await expect(page.getByText(`Ends ${longDate(contract.endsOn)}`)).toBeVisible();

	await context.setOffline(true);
	await expect(app.status).toContainText('Offline');
	const proof = page.getByLabel('Proof of purchase (optional)');
	// The device refuses what the server would: a file that is not a photo or a PDF.
	await proof.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('paid') });
	await expect(page.getByText('Pick a photo (JPEG, PNG or WebP) or a PDF.')).toBeVisible();
	await proof.setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: photo });
	await expect(page.getByText('Pick a photo (JPEG, PNG or WebP) or a PDF.')).toBeHidden();
	await page.getByRole('button', { name: 'Renew online' }).click();
	await expect(page.getByRole('heading', { name: 'Renewal waiting to sync' })).toBeVisible();
	await expect(page.getByText('Proof of purchase receipt.png: waiting to upload.')).toBeVisible();
	// Nothing typed offline is lost: a reload with no signal shows the request and its photo still waiting.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Renewal waiting to sync' })).toBeVisible();
	await expect(page.getByText('Proof of purchase receipt.png: waiting to upload.')).toBeVisible();
	await expect(app.status).toContainText('1 pending');
	await keepScreenshot(page, test.info().outputPath('renewal-proof-queued.png'));
	expect(await seriousViolations(page)).toEqual([]);

	// Back online over a slow line (each chunk held a moment), so the progress between chunks shows.
	await page.route('**/api/uploads/*', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 400));
		await route.continue();
	});
	await context.setOffline(false);
	await expect(page.getByRole('heading', { name: 'Renewal requested' })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText(/Proof of purchase receipt\.png: uploading, \d+\s?%\./)).toBeVisible({ timeout: 20_000 });
	await keepScreenshot(page, test.info().outputPath('renewal-proof-uploading.png'));
	await expect(page.getByText('Proof of purchase receipt.png: uploaded.')).toBeVisible({ timeout: 20_000 });
	await expect(page.getByRole('progressbar', { name: 'Upload of receipt.png' })).toHaveAttribute('value', String(photo.length));

	// The vendor sees the photo with the renewal request, byte for byte, and confirms the payment.
	await asVendor(request, GLOBEX);
	const listing = await request.get(`/api/admin/contracts?accountId=${contract.accountId}`);
	const { contracts } = (await listing.json()) as { contracts: { id: string; pendingRenewal: { id: string } | null }[] };
	const renewalId = contracts.find((c) => c.id === contract.id)!.pendingRenewal!.id;
	const { proofs } = (await (await request.get(`/api/admin/contracts/${contract.id}/proofs`)).json()) as { proofs: { id: string; renewalId: string; complete: boolean; sha256: string }[] };
	expect(proofs).toHaveLength(1);
	expect(proofs[0]).toMatchObject({ renewalId, complete: true, sha256: createHash('sha256').update(photo).digest('hex') });
	const file = await request.get(`/api/admin/contracts/${contract.id}/proofs/${proofs[0]!.id}`);
	expect(Buffer.compare(await file.body(), photo)).toBe(0);
	const confirmed = await request.post(`/api/admin/contracts/${contract.id}/confirm-renewal`, { data: { renewalId } });
	expect(confirmed.status(), await confirmed.text()).toBe(200);
	const { endsOn, activationCode } = (await confirmed.json()) as { endsOn: string; activationCode: string };
	expect(activationCode).toMatch(/^R-(?:[0-9A-Z]{5}-){3}[0-9A-Z]{5}$/);

	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByText(`Ends ${longDate(endsOn)}`)).toBeVisible({ timeout: 20_000 });
	const certificate = page.getByRole('region', { name: 'Maintenance certificate · revision 2' });
	await expect(certificate).toContainText(longDate(endsOn));
	await expect(certificate).toContainText(`Activation code ${activationCode}`);
	await keepScreenshot(page, test.info().outputPath('renewal-activation-code.png'));
	expect(await seriousViolations(page)).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

	await page.goto('/');
	await app.licenseItem(contract.serial).getByRole('link').first().click();
	await expect(page.getByText('Signature valid')).toBeVisible();
	const key = (await page.getByText(/^KF1\./).textContent())!;
	expect((JSON.parse(Buffer.from(key.split('.')[1]!, 'base64url').toString()) as { maintEnd: string }).maintEnd).toBe(endsOn);
});

test('with notifications allowed, each due reminder is notified once, on this device', async ({ browser }) => {
	const context = await browser.newContext({ permissions: ['notifications'] });
	const app = new App(await context.newPage());
	await app.signIn('admin@acme.test');
	await expect(app.page.getByRole('complementary', { name: 'Maintenance contracts to look at' })).toContainText('Reminders also arrive as notifications on this device.');
	const notified = () =>
		app.page.evaluate(
			() =>
				new Promise<number>((resolve, reject) => {
					const open = indexedDB.open('keyfield');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const count = open.result.transaction('notified').objectStore('notified').count();
						count.onsuccess = () => resolve(count.result);
					};
				})
		);
	// The demo has contracts past every lead time: each is one notification.
	await expect.poll(notified).toBeGreaterThanOrEqual(4);
	const shown = await notified();
	await app.page.reload();
	await app.page.getByRole('button', { name: 'Sync now' }).click();
	await expect(app.status).toContainText('0 pending');
	expect(await notified()).toBe(shown);
	await context.close();
});
