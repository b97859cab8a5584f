import { expect, test } from '@playwright/test';
import { App, freeSerial, registeredLicense } from './fixtures.ts';

test('Background Sync sends a queued key request after the app was closed', async ({ context, request }) => {
	const serial = await freeSerial(request, 'admin@acme.test');
	const page = await context.newPage();
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();

	await context.setOffline(true);
	await app.getKey(serial);
	await expect(app.status).toContainText('1 pending');
	const origin = new URL(page.url()).origin;

	// The technician closes the app before the signal comes back: only the service worker is left.
	const blank = await context.newPage(); // a page outside the app, just to reach the browser's DevTools protocol
	await page.close();
	expect(await registeredLicense(request, 'admin@acme.test', serial)).toBeNull();
	await context.setOffline(false);

	// Chromium fires the sync event itself when connectivity returns; DevTools fires it too, so the test does not
	// depend on the browser's timing (a second event finds the outbox empty: nothing is pushed twice).
	const cdp = await context.newCDPSession(blank);
	const registrationId = new Promise<string>((resolve) =>
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const ours = registrations.find((r) => r.scopeURL.startsWith(origin) && !r.isDeleted);
			if (ours) resolve(ours.registrationId);
		})
	);
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.dispatchSyncEvent', { origin, registrationId: await registrationId, tag: 'keyfield-outbox', lastChance: false });

	await expect.poll(() => registeredLicense(request, 'admin@acme.test', serial), { timeout: 15_000 }).not.toBeNull();

	// Reopened, the app shows the license with its key: nothing pending, nothing pushed twice.
	const reopened = new App(await context.newPage());
	await reopened.page.goto('/');
	await expect(reopened.status).toContainText('0 pending', { timeout: 15_000 });
	await expect(reopened.licenseItem(serial)).toHaveCount(1);
	await expect(reopened.licenseItem(serial)).not.toContainText(/Pending/);
});
