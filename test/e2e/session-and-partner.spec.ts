import { expect, test } from '@playwright/test';
import { App, DEMO_PASSWORD, freeSerial } from './fixtures.ts';

test('a lost session pauses the queue, keeps it, and pushes it after signing in again', async ({ page, context, request }) => {
	const serial = await freeSerial(request, 'admin@acme.test');
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady(); // no reload: the first visit's page itself must keep working offline

	await context.setOffline(true);
	await app.getKey(serial);
	await expect(app.status).toContainText('1 pending');

	// The session ends while the change waits (expired, or revoked on the server): the next push gets a 401.
	await context.clearCookies();
	await context.setOffline(false);
	await app.page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByText(/session expired/i).first()).toBeVisible({ timeout: 15_000 });
	await expect(app.status).toContainText('1 pending');

	await page.getByRole('link', { name: 'Sign in again' }).or(page.getByRole('button', { name: 'Sign in again' })).first().click();
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	const email = page.getByLabel('Email');
	if ((await email.inputValue()) === '') await email.fill('tech@acme.test');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await app.openLicenses();
	await expect(app.licenseItem(serial)).not.toContainText(/Pending/);
});

test('a partner works in a customer workspace delegated to it', async ({ page, request }) => {
	const serial = await freeSerial(request, 'admin@acme.test');
	const app = new App(page);
	await app.signIn('partner@northwind.test');
	await page.getByLabel('Workspace').selectOption({ label: 'Acme Field Services' });
	await app.getKey(serial);
	await app.openLicenses();
	await expect(app.licenseItem(serial)).toBeVisible();
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(app.licenseItem(serial)).not.toContainText(/Pending/);
	await expect(app.licenseItem(serial)).toContainText('Keyfield');
});
