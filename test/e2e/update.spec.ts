import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { App, DEMO_PASSWORD, freeSerial } from './fixtures.ts';

const serviceWorkerFile = fileURLToPath(new URL('../../web/build/service-worker.js', import.meta.url));

test('a new version is offered, waits while changes are queued, and applies once they are sent', async ({ page, context, request }) => {
	const serial = await freeSerial(request, 'admin@acme.test');
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();

	// A change that cannot be sent yet: the session ended, so it waits in the outbox.
	await context.clearCookies();
	await app.getKey(serial);
	await expect(page.getByText(/session expired/i).first()).toBeVisible({ timeout: 15_000 });
	await expect(app.status).toContainText('1 pending');

	const original = readFileSync(serviceWorkerFile, 'utf8');
	// The server prefers the build's precompressed copies: set them aside, or they would still be the old worker.
	const compressed = ['.br', '.gz'].map((suffix) => serviceWorkerFile + suffix).filter((f) => existsSync(f)).map((f) => [f, readFileSync(f)] as const);
	try {
		for (const [file] of compressed) rmSync(file);
		writeFileSync(serviceWorkerFile, `${original}\n// the next release\n`); // a new deployment
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
		const prompt = page.getByRole('region', { name: 'A new version of Keyfield is ready' });
		await expect(prompt).toContainText('Sync your queued change first');
		await expect(prompt.getByRole('button', { name: 'Update now' })).toHaveCount(0);

		await page.getByRole('link', { name: 'Sign in again' }).or(page.getByRole('button', { name: 'Sign in again' })).first().click();
		const email = page.getByLabel('Email');
		if ((await email.inputValue()) === '') await email.fill('tech@acme.test');
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(app.status).toContainText('0 pending', { timeout: 20_000 });

		const reloaded = page.waitForEvent('load');
		await prompt.getByRole('button', { name: 'Update now' }).click();
		await reloaded;
		await expect(app.status).toContainText('Online');
		await expect(prompt).toHaveCount(0);
		expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
		await app.openLicenses();
		await expect(app.licenseItem(serial)).not.toContainText(/Pending/);
	} finally {
		writeFileSync(serviceWorkerFile, original);
		for (const [file, bytes] of compressed) writeFileSync(file, bytes);
	}
});
