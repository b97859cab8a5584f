import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { App, DEMO_PASSWORD, newSerials, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

/** A new upgrade notification for Acme's Keyfield Edge Gateway licenses, made through the vendor API. */
async function notifyAcme(request: APIRequestContext, quantity: number): Promise<string> {
	const login = await request.post('/api/auth/login', { data: { email: 'admin@acme.test', password: DEMO_PASSWORD } });
	const { accounts } = (await login.json()) as { accounts: { id: string; name: string }[] };
	const accountId = accounts.find((a) => a.name === 'Acme Field Services')!.id;
	await request.post('/api/auth/login', { data: { email: 'vendor@keyfield.test', password: DEMO_PASSWORD } });
	const res = await request.post('/api/admin/upgrade-notifications', { data: { accountId, sku: 'KF-EDGE', targetSku: 'KF-EDGE-6', quantity, expiresOn: '2099-12-31' } });
	expect(res.status(), await res.text()).toBe(201);
	await request.post('/api/auth/logout');
	return ((await res.json()) as { code: string }).code;
}

/** A technician of Acme on a fresh device with a new 5-seat Edge Gateway license, and a notification for it. */
async function technicianWithLicense(browser: Browser, request: APIRequestContext, quantity: number) {
	const serial = (await newSerials(request, 'admin@acme.test', 1, 5))[0]!; // KF-EDGE, the product the notification is for
	const code = await notifyAcme(request, quantity);
	const context = await browser.newContext();
	const app = new App(await context.newPage());
	await app.signIn('tech@acme.test');
	await app.getKey(serial);
	await expect(app.page.getByText('Your key is ready.')).toBeVisible({ timeout: 20_000 });
	return { serial, code, context, app, page: app.page };
}

test('Version upgrade offline with part of the seats: queued, pending split, then two licenses with valid keys', async ({ browser, request }) => {
	const { serial, code, context, app, page } = await technicianWithLicense(browser, request, 3);
	await app.waitForOfflineReady();

	await context.setOffline(true);
	await page.reload();
	await expect(app.status).toContainText('Offline');

	await app.openLicenses();
	await page.getByRole('link', { name: 'Version upgrade' }).first().click();
	// The check characters catch a typo on the device, naming the group.
	const typo = code.slice(0, 8) + (code[8] === '7' ? '8' : '7') + code.slice(9);
	await page.getByLabel('Notification ID').fill(typo);
	await expect(page.getByText(/Group 2 looks wrong/)).toBeVisible();
	await page.getByLabel('Notification ID').fill(code.toLowerCase());
	await expect(page.getByText('The notification ID looks right.')).toBeVisible();
	await expect(page.getByRole('status').getByText('Keyfield Edge Gateway 6.0')).toBeVisible();
	await expect(page.getByText('3 of 3')).toBeVisible();
	expect(await seriousViolations(page), 'notification step').toEqual([]);
	await page.getByRole('button', { name: 'Continue' }).click();

	expect(await seriousViolations(page), 'license step').toEqual([]);
	await page.getByRole('radio', { name: new RegExp(serial) }).check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('Seats to upgrade').fill('2');
	await expect(page.getByText('Seats the license keeps, with a new key for them: 3.')).toBeVisible();
	await page.getByRole('button', { name: 'Continue' }).click();

	// The license's support registration, prefilled, edited here and saved on both licenses.
	await expect(page.getByLabel('Company')).toHaveValue('Acme Field Services');
	await page.getByLabel('Contact name').fill('Bruno Campo');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByText('Bruno Campo')).toBeVisible();
	await page.getByRole('button', { name: 'Confirm' }).click();
	await expect(page.getByText(/Queued/)).toBeVisible();
	await expect(app.status).toContainText('1 pending');
	await keepScreenshot(page, test.info().outputPath('upgrade-queued.png'), { fullPage: false });
	expect(await seriousViolations(page), 'result').toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

	// Offline, the notification already counts the queued seats.
	await page.getByRole('button', { name: 'Upgrade another' }).click();
	await page.getByLabel('Notification ID').fill(code);
	await expect(page.getByText('1 of 3')).toBeVisible();

	await app.openLicenses();
	const items = page.getByRole('listitem').filter({ hasText: /Pending/ });
	await expect(items).toHaveCount(2);

	await context.setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(page.getByRole('listitem').filter({ hasText: /Pending/ })).toHaveCount(0);

	// The old license keeps 3 seats under a re-signed key.
	await app.licenseItem(serial).getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keyfield Edge Gateway 5.2');
	await expect(page.getByText('Signature valid')).toBeVisible();
	await expect(page.locator('dd').filter({ hasText: /^3$/ })).toBeVisible();
	await expect(page.getByText('Bruno Campo')).toBeVisible();

	// The new license: version 6.0, 2 seats, its own valid key, and where it came from.
	await page.getByRole('link', { name: 'Keyfield Edge Gateway 6.0' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keyfield Edge Gateway 6.0');
	await expect(page.getByText('Signature valid')).toBeVisible();
	await expect(page.locator('dd').filter({ hasText: /^2$/ })).toBeVisible();
	await expect(page.getByText('Bruno Campo')).toBeVisible();
	await expect(page.getByText(/Upgraded from/)).toBeVisible();
	await keepScreenshot(page, test.info().outputPath('upgrade-new-license.png'));

	await context.close();
});

test('offline, the device refuses more seats than the notification has left, before anything is queued', async ({ browser, request }) => {
	const { serial, code, context, app, page } = await technicianWithLicense(browser, request, 2);
	await app.waitForOfflineReady(); // the wizard's screen must be stored before the line drops

	await context.setOffline(true);
	await app.openLicenses();
	await page.getByRole('link', { name: 'Version upgrade' }).first().click();
	await page.getByLabel('Notification ID').fill(code);
	await expect(page.getByText('2 of 2')).toBeVisible();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('radio', { name: new RegExp(serial) }).check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('Seats to upgrade').fill('3');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByText('Enter a whole number from 1 to 2.')).toBeVisible();
	await expect(app.status).toContainText('0 pending');
	await context.close();
});
