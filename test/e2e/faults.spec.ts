// Faults in a real browser: the page closed while its push is in flight (the server applied it, the answer never
// arrived), and a network that flaps through a push — each queued operation still applies exactly once.
import { expect, test, type BrowserContext, type Route } from '@playwright/test';
import { App, freeSerial, newSerials, registeredLicense } from './fixtures.ts';

/** Licenses the server holds for a serial (through the vendor API): exactly one, or the test fails. */
async function expectRegisteredOnce(request: Parameters<typeof registeredLicense>[0], serial: string) {
	await expect.poll(() => registeredLicense(request, 'admin@acme.test', serial), { timeout: 20_000 }).not.toBeNull();
}

test('the page closes while its push is in flight: reopened, the operation is pushed again and applied once', async ({ context, request }) => {
	const serial = await freeSerial(request, 'admin@acme.test');
	const page = await context.newPage();
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();

	// The push reaches the server and is applied, but the page is gone before the answer comes back.
	let forwarded!: () => void;
	const pushForwarded = new Promise<void>((resolve) => (forwarded = resolve));
	await context.route('**/api/sync/push', async (route) => {
		await route.fetch(); // the server applies it
		forwarded();
		await route.abort('connectionreset').catch(() => {}); // the page may already be closed
	});
	await app.getKey(serial);
	await pushForwarded;
	await page.close();
	await context.unroute('**/api/sync/push');
	await expectRegisteredOnce(request, serial);

	// Reopened offline: the license is there — still pending, or already confirmed if the service worker's
	// Background Sync replayed the push while no page was open (its requests bypass the test's routing).
	await context.setOffline(true);
	const again = new App(await context.newPage());
	await again.page.goto('/');
	await expect(again.status).toContainText('Offline');
	await again.openLicenses();
	await expect(again.licenseItem(serial)).toHaveCount(1);

	// Online: a replay returns the stored result (no second license), the key arrives and is verified.
	await context.setOffline(false);
	await expect(again.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(again.licenseItem(serial)).toHaveCount(1);
	await expect(again.licenseItem(serial)).not.toContainText(/Pending/);
	await again.licenseItem(serial).getByRole('link').first().click();
	await expect(again.page.getByText('Signature valid')).toBeVisible();
});

/** A flapping network: of every three sync requests, one never leaves and one's answer is lost after the server acted. */
async function flap(context: BrowserContext) {
	let n = 0;
	await context.route(/\/api\/sync\/(push|pull)$/, async (route: Route) => {
		const turn = n++ % 3;
		if (turn === 0) return route.abort('internetdisconnected');
		if (turn === 1) {
			await route.fetch();
			return route.abort('connectionreset');
		}
		return route.continue();
	});
}

test('a network that flaps through a push of several queued operations: each applies exactly once', async ({ context, request }) => {
	const serials = await newSerials(request, 'admin@acme.test', 4);
	const app = new App(await context.newPage());
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();

	await context.setOffline(true);
	for (const [i, serial] of serials.entries()) {
		if (i > 0) await app.page.getByRole('button', { name: 'Get another key' }).click();
		else await app.openGetAKey();
		await app.fillGetAKey(serial);
	}
	await expect(app.status).toContainText(`${serials.length} pending`);

	await flap(context);
	await context.setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 45_000 });
	await context.unroute(/\/api\/sync\/(push|pull)$/);
	for (const serial of serials) await expectRegisteredOnce(request, serial);
	await app.openLicenses();
	for (const serial of serials) {
		await expect(app.licenseItem(serial)).toHaveCount(1);
		await expect(app.licenseItem(serial)).not.toContainText(/Pending/);
	}
});
