// Partner delegation across two devices: Globex's admin delegates to Northwind by its partner code, the partner's
// phone (another browser context) sees Globex under All workspaces → its customers, queues a key request for Globex
// with no signal; the admin revokes; back online the phone syncs, Globex disappears from it, and the queued request is
// in Needs attention with the reason naming both accounts. Each screen at 360 px, axe clean.
import { expect, test, type Page } from '@playwright/test';
import { App, freeSerial, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

async function axeClean(page: Page) {
	expect(await seriousViolations(page)).toEqual([]);
}

test('a customer delegates to a partner, the partner device sees it, and loses it after the revoke', async ({ browser, page, request }) => {
	test.setTimeout(180_000); // two devices, axe on four screens, on a shared 2-core machine
	const serial = await freeSerial(request, 'admin@globex.test');

	// The partner's phone: its partner code, to give to the customer.
	const partner = new App(page);
	await partner.signIn('partner@northwind.test');
	await page.goto('/account/delegations');
	await expect(page.getByRole('heading', { name: 'Your partner code' })).toBeVisible();
	const partnerCode = (await page.getByTestId('partner-code').textContent())!.trim();
	await axeClean(page);

	// Globex's admin, on another device, delegates with manage access.
	const adminContext = await browser.newContext();
	const adminPage = await adminContext.newPage();
	const admin = new App(adminPage);
	await admin.signIn('admin@globex.test');
	await adminPage.goto('/account/delegations');
	await expect(adminPage.getByText('No partner has access to Globex Industrial.')).toBeVisible();
	await adminPage.getByLabel('Partner code').fill(partnerCode.toLowerCase());
	await adminPage.getByRole('radio', { name: /Manage/ }).check();
	await adminPage.getByRole('button', { name: 'Delegate' }).click();
	const partners = adminPage.getByRole('list', { name: 'Partners with access' });
	await expect(partners.getByRole('listitem').filter({ hasText: 'Northwind Partners' })).toContainText('Manage', { timeout: 20_000 });
	await expect(admin.status).toContainText('0 pending');
	await axeClean(adminPage);
	await keepScreenshot(adminPage, 'test-results/delegation-admin.png');

	// The partner's phone sees Globex among its customers (poked, or at the next sync).
	await page.getByRole('button', { name: 'Sync now' }).click();
	await page.goto('/workspaces');
	const customers = page.getByRole('region', { name: /Your customers/ });
	await expect(customers.getByRole('heading', { name: 'Globex Industrial' })).toBeVisible({ timeout: 20_000 });
	await expect(customers.getByRole('listitem').filter({ hasText: 'Globex Industrial' }).first()).toContainText('Through Northwind Partners · manage');
	await expect(customers.getByRole('heading', { name: 'Acme Field Services' })).toBeVisible();
	await expect(customers.getByRole('heading', { name: 'Initech Retail' })).toBeVisible();
	await axeClean(page);
	await keepScreenshot(page, 'test-results/delegation-workspaces.png');
	await partner.waitForOfflineReady();

	// With no signal, the partner queues a key request for Globex.
	await customers.getByRole('button', { name: 'Open Globex Industrial' }).click();
	await expect(page.getByLabel('Workspace')).toHaveValue(/.+/);
	await page.context().setOffline(true);
	await partner.getKey(serial);
	await expect(partner.status).toContainText('1 pending');

	// Meanwhile Globex's admin ends the delegation.
	adminPage.once('dialog', (dialog) => void dialog.accept());
	await partners.getByRole('button', { name: 'End access: Northwind Partners' }).click();
	await expect(adminPage.getByText('No partner has access to Globex Industrial.')).toBeVisible({ timeout: 20_000 });
	await expect(admin.status).toContainText('0 pending');
	await adminContext.close();

	// Back online, the phone syncs: Globex is gone from it and the request is turned down with the reason.
	await page.context().setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(partner.status).toContainText('0 pending', { timeout: 20_000 });
	await page.getByRole('link', { name: 'Needs attention' }).first().click();
	const item = page.getByRole('listitem').filter({ hasText: serial });
	await expect(item).toContainText('Globex Industrial no longer delegates its account to Northwind Partners.');
	await expect(item).toContainText("Ask Globex Industrial's admin to delegate it again.");
	await axeClean(page);
	await page.goto('/workspaces');
	await expect(page.getByRole('heading', { name: 'Acme Field Services' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Globex Industrial' })).toHaveCount(0);
	await expect(page.getByLabel('Workspace').getByRole('option', { name: 'Globex Industrial' })).toHaveCount(0);

	// Initech delegates to Northwind view only (demo seed): its licenses say so before anything is queued.
	await page.getByRole('button', { name: 'Open Initech Retail' }).click();
	await expect(page.getByText("Northwind Partners may only view Initech Retail's licenses: to change anything, ask Initech Retail's admin for manage access.")).toBeVisible();
	await axeClean(page);
});
