// Seat packages in real Chromium at 360 px: the admin builds a cart offline (kept across a reload), proceeds to
// purchase online, the vendor confirms the payment in the console's Confirmations, the seats appear, one is
// assigned to the technician, and the technician sees it on another device.
import { expect, test, type Browser } from '@playwright/test';
import { App, DEMO_PASSWORD, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

test.describe.configure({ mode: 'serial' });

/** The vendor, on a phone of their own, confirms Acme's order of the 5-pack in the console's Confirmations. */
async function vendorConfirmsOrder(browser: Browser): Promise<void> {
	const context = await browser.newContext();
	const vendor = new App(await context.newPage());
	await vendor.signIn('vendor@keyfield.test');
	await vendor.page.goto('/vendor/entitlements/confirmations');
	const orders = vendor.page.getByRole('table', { name: /orders waiting for payment/ });
	const row = orders.getByRole('row').filter({ hasText: 'Acme Field Services' }).filter({ hasText: '1 × Edge Gateway 5-pack' });
	await expect(row).toHaveCount(1);
	await row.getByLabel(/Payment reference for Acme Field Services/).fill('E2E-PAY');
	expect(await seriousViolations(vendor.page)).toEqual([]);
	await keepScreenshot(vendor.page, test.info().outputPath('vendor-confirmations.png'));
	await row.getByRole('button', { name: /Confirm payment of Acme Field Services/ }).click();
	await expect(vendor.page.getByRole('status').filter({ hasText: "Acme Field Services's order is confirmed: KF-EDGE × 5" })).toBeVisible();
	await expect(row).toHaveCount(0);
	await context.close();
}

const noOverflow = (app: App) => app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('cart offline → purchase → vendor confirms → assign → the technician sees the seat', async ({ page, context, browser }) => {
	test.setTimeout(120_000); // two devices, an offline spell and a vendor round trip
	const app = new App(page);
	await app.signIn('admin@acme.test');
	await app.waitForOfflineReady();
	await page.goto('/account');
	await expect(page.getByRole('heading', { name: 'Your seats' })).toBeVisible();
	await page.getByRole('link', { name: 'Seats and purchases' }).click();
	// The demo: Acme owns 10 Vault seats, one held by the technician.
	const vault = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Keyfield Vault/ }) });
	await expect(vault.getByRole('definition')).toHaveText(['10', '1', '9']);
	await expect(vault.getByRole('list', { name: 'Who holds a Keyfield Vault seat' })).toContainText('tech@acme.test');

	// Offline: the catalog is on the device, the cart is built and kept across a reload.
	await context.setOffline(true);
	await page.getByRole('link', { name: 'Buy seats' }).click();
	await expect(page.getByRole('heading', { name: 'Buy seats', level: 1 })).toBeVisible();
	await page.getByRole('button', { name: 'Add to cart: Edge Gateway 5-pack' }).click();
	await page.getByRole('button', { name: 'Add to cart: Scanner 3-pack' }).click();
	await page.getByLabel('Quantity of Scanner 3-pack').fill('2');
	await page.getByLabel('Quantity of Scanner 3-pack').blur();
	const totals = page.getByRole('list', { name: 'Total per currency' });
	await expect(totals.getByRole('listitem')).toHaveText(['€1,250.00', '$900.00']);
	await page.reload();
	await expect(app.status).toContainText('Offline');
	await expect(page.getByLabel('Quantity of Edge Gateway 5-pack')).toHaveValue('1');
	await expect(page.getByLabel('Quantity of Scanner 3-pack')).toHaveValue('2');
	await page.getByRole('button', { name: 'Remove Scanner 3-pack from the cart' }).click();
	await expect(totals.getByRole('listitem')).toHaveText(['€1,250.00']);
	await keepScreenshot(page, test.info().outputPath('cart-offline.png'));
	expect(await seriousViolations(page)).toEqual([]);
	expect(await noOverflow(app)).toBeLessThanOrEqual(0);

	// Online: proceed to purchase; the order waits for payment.
	await context.setOffline(false);
	await expect(app.status).toContainText('Online', { timeout: 20_000 });
	await page.getByRole('button', { name: 'Proceed to purchase' }).click();
	await expect(page.getByText('The cart is empty. Add packages above.')).toBeVisible();
	// Newest first: the new order above the demo's confirmed Vault order.
	const newest = page.getByRole('list', { name: 'Orders' }).getByRole('listitem').first();
	await expect(newest).toContainText('1 × Edge Gateway 5-pack');
	await expect(newest).toContainText('Waiting for payment', { timeout: 20_000 });
	await expect(app.status).toContainText('0 pending');

	// The vendor confirms the payment in the console; the next sync brings the seats.
	await vendorConfirmsOrder(browser);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(newest).toContainText('Confirmed: seats added', { timeout: 20_000 });
	await keepScreenshot(page, test.info().outputPath('orders.png'));

	// Five Edge Gateway seats: assign one to the technician, by keyboard.
	await page.getByRole('link', { name: 'Seats' }).first().click();
	const edge = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Keyfield Edge Gateway/ }) });
	await expect(edge.getByRole('definition')).toHaveText(['5', '0', '5']);
	await edge.getByLabel('Member to get a Keyfield Edge Gateway seat').selectOption({ label: 'tech@acme.test' });
	await edge.getByRole('button', { name: 'Assign a seat' }).focus();
	await page.keyboard.press('Enter');
	await expect(edge.getByRole('status')).toHaveText('Seat assignment for tech@acme.test queued.');
	await expect(edge.getByRole('definition')).toHaveText(['5', '1', '4']);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(edge.getByRole('button', { name: 'Release the Keyfield Edge Gateway seat of tech@acme.test' })).toBeVisible();
	await keepScreenshot(page, test.info().outputPath('seats.png'));
	expect(await seriousViolations(page)).toEqual([]);
	expect(await noOverflow(app)).toBeLessThanOrEqual(0);

	// The technician, on another device, sees the seat on the account page.
	const techContext = await browser.newContext();
	try {
		const tech = new App(await techContext.newPage());
		await tech.signIn('tech@acme.test');
		await tech.page.goto('/account');
		const yours = tech.page.getByRole('list', { name: 'Your seats' });
		await expect(yours).toContainText('Keyfield Edge Gateway');
		await expect(yours).toContainText('Keyfield Vault');
		await expect(tech.page.getByRole('link', { name: 'Seats and purchases' })).toHaveCount(0);
		expect(await seriousViolations(tech.page)).toEqual([]);
	} finally {
		await techContext.close();
	}
});

test('an order queued offline at a price the vendor changed meanwhile is refused, and Edit and retry puts the cart back', async ({ page, context, request }) => {
	test.setTimeout(120_000);
	const app = new App(page);
	await app.signIn('admin@acme.test');
	await app.waitForOfflineReady();
	await page.goto('/account/seats/cart');
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Add to cart: Vault 10-pack' }).click();
	await page.getByLabel('Quantity of Vault 10-pack').fill('3');
	await page.getByLabel('Quantity of Vault 10-pack').blur();
	await expect(page.getByRole('list', { name: 'Total per currency' })).toHaveText('€2,670.00');
	await page.getByRole('button', { name: 'Proceed to purchase' }).click();
	await expect(page.getByRole('list', { name: 'Orders' }).getByRole('listitem').first()).toContainText('Queued on this device');
	await expect(app.status).toContainText('1 pending');

	// Meanwhile the vendor raises the price.
	await request.post('/api/auth/login', { data: { email: 'vendor@keyfield.test', password: DEMO_PASSWORD } });
	const { packages } = (await (await request.get('/api/admin/packages')).json()) as { packages: { id: string; name: string }[] };
	const vault = packages.find((p) => p.name === 'Vault 10-pack')!;
	expect((await request.post(`/api/admin/packages/${vault.id}`, { data: { priceMinor: 95_000 } })).status()).toBe(200);
	await request.post('/api/auth/logout');

	await context.setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await page.getByRole('link', { name: /Needs attention/ }).first().click();
	const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Seat order' }) });
	await expect(item).toContainText('A price changed after you reviewed the cart, so nothing was ordered.');
	expect(await seriousViolations(page)).toEqual([]);
	await item.getByRole('link', { name: 'Edit and retry' }).click();

	// The packages are back, at today's price, to review and order again.
	await expect(page.getByText("The refused order's packages are back in the cart: review the totals and order again.")).toBeVisible();
	await expect(page.getByLabel('Quantity of Vault 10-pack')).toHaveValue('3');
	await expect(page.getByRole('list', { name: 'Total per currency' })).toHaveText('€2,850.00');
	await page.getByRole('button', { name: 'Proceed to purchase' }).click();
	await expect(page.getByRole('list', { name: 'Orders' }).getByRole('listitem').first()).toContainText('Waiting for payment', { timeout: 20_000 });
});
