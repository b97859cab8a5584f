import { expect, test } from '@playwright/test';
import { App, freeSerial, typo } from './fixtures.ts';

test('Get a key offline: queued, pending, pushed when back online, verified, and seen on a second device', async ({ browser, request }) => {
	const serial = await freeSerial(request, 'admin@acme.test');

	const technician = await browser.newContext();
	const app = new App(await technician.newPage());
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();

	// A second device of the same account, left open: it must learn of the new license by a poke, without reloading.
	const admin = await browser.newContext();
	const other = new App(await admin.newPage());
	await other.signIn('admin@acme.test');
	await expect(other.licenseItem(serial)).toHaveCount(0);

	await technician.setOffline(true);
	await app.page.reload();
	await expect(app.status).toContainText('Offline');

	await app.getKey(serial);
	await expect(app.page.getByText(/Queued/)).toBeVisible();
	await expect(app.status).toContainText('1 pending');
	await app.openLicenses();
	await expect(app.licenseItem(serial)).toContainText(/Pending/);

	await technician.setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(app.licenseItem(serial)).not.toContainText(/Pending/);
	await app.licenseItem(serial).getByRole('link').first().click();
	await expect(app.page.getByText('Signature valid')).toBeVisible();
	await expect(app.page.getByText(/^KF1\./)).toBeVisible();

	await expect(other.licenseItem(serial)).toBeVisible({ timeout: 10_000 });

	// The second device loses the network and gets it back: its poke stream must be live again at once, well before
	// the 30 s timer would sync it.
	await admin.setOffline(true);
	await expect(other.status).toContainText('Offline');
	await admin.setOffline(false);
	await expect(other.status).not.toContainText('Offline');
	const next = await freeSerial(request, 'admin@acme.test');
	await app.getKey(next);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(other.licenseItem(next)).toBeVisible({ timeout: 10_000 });

	await technician.close();
	await admin.close();
});

test('a mistyped serial is caught on the device, naming the group, and nothing is queued', async ({ page, request }) => {
	const serial = await freeSerial(request, 'admin@acme.test');
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await app.openGetAKey();
	await page.getByLabel('Serial number').fill(typo(serial, 3));
	await expect(page.getByText(/group 3/i)).toBeVisible();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByLabel('Company')).toHaveCount(0);
	await expect(app.status).toContainText('0 pending');
});

test("another account's serial ends in Needs attention with a reason, and can be discarded", async ({ page, request }) => {
	const foreign = await freeSerial(request, 'admin@globex.test');
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await app.getKey(foreign);
	const attention = page.getByRole('region', { name: 'Needs attention' });
	await page.getByRole('link', { name: /Needs attention/ }).first().click();
	await expect(attention).toContainText(foreign, { timeout: 20_000 });
	await expect(attention).toContainText(/isn.t known/i);
	await attention.getByRole('button', { name: 'Discard' }).click();
	await expect(attention).not.toContainText(foreign);
});
