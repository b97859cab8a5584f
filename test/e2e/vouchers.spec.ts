import { chromium, expect, test, type APIRequestContext } from '@playwright/test';
import { App, DEMO_PASSWORD, VoucherCenter, typo, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';
import { writeQrVideo } from './fake-camera.ts';

/** Mints fresh vouchers through the vendor API (and voids some), as an order system would. */
async function mintVouchers(request: APIRequestContext, count: number, voidCount = 0): Promise<string[]> {
	expect((await request.post('/api/auth/login', { data: { email: 'vendor@keyfield.test', password: DEMO_PASSWORD } })).status()).toBe(200);
	const res = await request.post('/api/admin/vouchers', { data: { sku: 'KF-VAULT', seats: 5, termMonths: 12, expiresOn: '2099-12-31', count } });
	expect(res.status(), await res.text()).toBe(201);
	const { codes } = (await res.json()) as { codes: string[] };
	if (voidCount > 0) expect((await request.post('/api/admin/vouchers/void', { data: { codes: codes.slice(-voidCount) } })).status()).toBe(200);
	await request.post('/api/auth/logout');
	return codes;
}

test('a partner redeems vouchers offline into a delegated account; online, the licenses arrive and a void one needs attention', async ({ browser, request }) => {
	const [first, second, voided] = await mintVouchers(request, 3, 1);
	const context = await browser.newContext();
	const page = await context.newPage();
	const app = new App(page);
	const center = new VoucherCenter(page);
	await app.signIn('partner@northwind.test');
	await app.waitForOfflineReady();

	await context.setOffline(true);
	await page.reload();
	await expect(app.status).toContainText('Offline');
	await center.open();
	await center.redeemInto('Acme Field Services (delegated to you)');

	await center.redeem(first!);
	await expect(page.getByRole('status').filter({ hasText: `Queued ${first}` })).toBeVisible();
	await center.redeem(second!.toLowerCase().replace(/-/g, ' ')); // typed as it comes, normalised on the device
	await center.redeem(voided!);
	await center.redeem(first!); // the same voucher again is not queued twice
	await expect(page.getByRole('status').filter({ hasText: 'already in this session' })).toBeVisible();
	await expect(center.session.getByRole('listitem')).toHaveCount(3);
	for (const code of [first!, second!, voided!]) await expect(center.item(code)).toContainText('Queued');
	await expect(app.status).toContainText('3 pending');

	await context.setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	for (const code of [first!, second!]) {
		await expect(center.item(code)).toContainText('Redeemed');
		await expect(center.item(code).getByRole('link', { name: /Keyfield Vault/ })).toBeVisible();
	}
	await expect(center.item(voided!)).toContainText('Not redeemed');
	await expect(center.item(voided!)).toContainText('The vendor withdrew this voucher.');

	// Each license is real: signed, in Acme, with the voucher's seats.
	await center.item(second!).getByRole('link', { name: /Keyfield Vault/ }).click();
	await expect(page.getByText('Signature valid')).toBeVisible();

	await page.getByRole('link', { name: /Needs attention/ }).first().click();
	const attention = page.getByRole('region', { name: 'Needs attention' });
	await expect(attention).toContainText(voided!);
	await expect(attention).toContainText('The vendor withdrew this voucher.');
	await context.close();
});

test('a mistyped voucher code is caught on the device, naming the group, and nothing is queued', async ({ page, request }) => {
	const [code] = await mintVouchers(request, 1);
	const app = new App(page);
	const center = new VoucherCenter(page);
	await app.signIn('partner@northwind.test');
	await center.open();
	await center.redeemInto('Northwind Partners');
	await center.redeem(typo(code!, 2));
	await expect(page.getByText(/Group 2 looks wrong/)).toBeVisible();
	await expect(center.session.getByRole('listitem')).toHaveCount(0);
	await expect(app.status).toContainText('0 pending');
});

test('a stack of vouchers scanned with the camera (jsQR and ZXing where there is no BarcodeDetector): each queued once, then redeemed', async ({ request }, testInfo) => {
	test.setTimeout(120_000); // a second browser of its own, with a camera
	const [a, b] = await mintVouchers(request, 2);
	const video = testInfo.outputPath('vouchers.y4m');
	// Two vouchers held up in turn, with something that is not a voucher in between; the file loops.
	writeQrVideo(video, [a!, 'https://example.test/not-a-voucher', b!]);
	const { launchOptions, baseURL, viewport } = testInfo.project.use;
	const browser = await chromium.launch({
		...launchOptions,
		args: [...(launchOptions?.args ?? []), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]
	});
	const context = await browser.newContext({ baseURL, viewport, permissions: ['camera'] });
	const page = await context.newPage();
	const app = new App(page);
	const center = new VoucherCenter(page);
	await app.signIn('partner@northwind.test');
	await center.open();
	await center.redeemInto('Northwind Partners');

	await page.getByRole('button', { name: 'Scan with camera' }).click();
	await expect(page.getByLabel('Camera preview')).toBeVisible();
	await expect(center.item(a!)).toBeVisible({ timeout: 20_000 });
	await expect(center.item(b!)).toBeVisible({ timeout: 20_000 });
	await expect(page.getByRole('status').filter({ hasText: /Queued V-/ })).toBeVisible();
	await expect(center.session.getByRole('listitem')).toHaveCount(2);
	await page.getByRole('button', { name: 'Stop scanning' }).click();
	await expect(page.getByLabel('Camera preview')).toHaveCount(0);
	for (const code of [a!, b!]) await expect(center.item(code)).toContainText('Redeemed', { timeout: 20_000 });
	// The video kept looping while it ran: every code was seen many times and still queued once.
	await expect(center.session.getByRole('listitem')).toHaveCount(2);

	expect(await seriousViolations(page)).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
	await keepScreenshot(page, testInfo.outputPath('voucher-center-360.png'));
	await browser.close();
});
