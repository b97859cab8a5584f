// The vendor console at a desk (1280x800) and on a phone (360 px): Customers → filter → Acme → its licenses and
// journal → a serial searched as typed without dashes in lower case → whose it is. Vendors only; online only; axe clean.
import { expect, test, type Browser } from '@playwright/test';
import { App, registeredAcmeLicense, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

async function signedIn(browser: Browser, email: string, viewport: { width: number; height: number }): Promise<App> {
	const app = new App(await (await browser.newContext({ viewport })).newPage());
	await app.signIn(email);
	return app;
}

const typedCarelessly = (serial: string) => serial.replace(/-/g, '').toLowerCase();

test('a vendor finds a customer, its licenses and journal, and whose a serial is', async ({ browser, request }) => {
	const { serial } = await registeredAcmeLicense(request, 'tech@acme.test');
	const app = await signedIn(browser, 'vendor@keyfield.test', { width: 1280, height: 800 });
	const { page } = app;

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' }).click();
	await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
	const table = page.getByRole('table', { name: 'Accounts' });
	await expect(table.getByRole('link', { name: 'Globex Industrial' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// Sorting by kind puts the partner after the customers; filtering leaves Acme alone.
	await table.getByRole('button', { name: 'Kind' }).click();
	await expect(table.getByRole('columnheader', { name: 'Kind' })).toHaveAttribute('aria-sort', 'ascending');
	await expect(table.getByRole('row').last()).toContainText('Northwind Partners');
	const filters = page.getByRole('form', { name: 'Filter accounts' });
	await filters.getByLabel('Name contains').fill('acme');
	await filters.getByLabel('Kind').selectOption('customer');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(table.getByRole('row')).toHaveCount(2); // the header and Acme
	await table.getByRole('link', { name: 'Acme Field Services' }).click();

	await expect(page.getByRole('heading', { name: 'Acme Field Services', level: 1 })).toBeVisible();
	const licenses = page.getByRole('region', { name: /^Licenses/ });
	await expect(licenses.getByRole('cell', { name: serial })).toBeVisible();
	const journal = page.getByRole('region', { name: 'Activity journal' });
	await expect(journal.getByText('license.requestKey').first()).toBeVisible();
	await expect(page.getByRole('region', { name: /^Users and roles/ }).getByText('tech@acme.test')).toBeVisible();
	await expect(page.getByRole('region', { name: /^Delegations/ }).getByRole('link', { name: 'Northwind Partners' })).toBeVisible();
	await expect(page.getByRole('region', { name: /^Seat pools/ })).toContainText(/KF-VAULT Keyfield Vault: \d+ of \d+ seats assigned/);
	await expect(page.getByRole('region', { name: /^Approved email domains/ })).toContainText('acme.test · approved by the vendor on');
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Search' }).click();
	await page.getByLabel(/^Serial, voucher/).fill(typedCarelessly(serial));
	await page.getByRole('button', { name: 'Search' }).click();
	const hit = page.getByRole('article', { name: `Serial ${serial}` });
	await expect(hit.getByRole('link', { name: 'Acme Field Services' })).toBeVisible();
	await expect(hit).toContainText('Registered');
	await expect(hit.getByText('tech@acme.test')).toBeVisible(); // who registered it, from the journal
	expect(await seriousViolations(page)).toEqual([]);

	// Online only: without a connection the console says so instead of failing.
	await page.context().setOffline(true);
	await expect(page.getByText('needs a connection')).toBeVisible();
	await page.context().setOffline(false);
	await expect(page.getByLabel(/^Serial, voucher/)).toBeVisible();
	await page.context().close();
});

test('the console works at 360 px', async ({ browser, request }) => {
	const { serial } = await registeredAcmeLicense(request);
	const { page } = await signedIn(browser, 'vendor@keyfield.test', { width: 360, height: 740 });
	const fitsTheScreen = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

	await page.goto(`/vendor/search?q=${typedCarelessly(serial)}`);
	await expect(page.getByRole('article', { name: `Serial ${serial}` }).getByRole('link', { name: 'Acme Field Services' })).toBeVisible();
	expect(await fitsTheScreen()).toBe(true);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('article', { name: `Serial ${serial}` }).getByRole('link', { name: 'Acme Field Services' }).click();
	await expect(page.getByRole('region', { name: /^Licenses/ }).getByRole('cell', { name: serial })).toBeVisible();
	expect(await fitsTheScreen()).toBe(true);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('link', { name: 'Customers' }).first().click();
	await expect(page.getByRole('table', { name: 'Accounts' }).getByRole('link', { name: 'Acme Field Services' })).toBeVisible();
	expect(await fitsTheScreen()).toBe(true);
	await page.context().close();
});

test('on a phone, the vendor opens a customer account, adds its admin, approves its domain, delegates it and ends that; the admin signs in', async ({ browser }) => {
	const vendor = await signedIn(browser, 'vendor@keyfield.test', { width: 360, height: 740 });
	const { page } = vendor;
	const tag = crypto.randomUUID().slice(0, 6);
	const name = `Kappa Labs ${tag}`;
	const adminEmail = `boss-${tag}@kappa.test`;

	await page.goto('/vendor/customers');
	const newAccount = page.locator('details', { hasText: 'New account' });
	await newAccount.getByText('New account').click();
	await newAccount.getByLabel('Name').fill(name);
	await newAccount.getByLabel('Kind').selectOption('customer');
	await newAccount.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

	const users = page.getByRole('region', { name: /^Users and roles/ });
	await users.getByLabel('Email').fill(adminEmail);
	await users.getByLabel('Role').selectOption('admin');
	await users.getByLabel('Initial password').fill('kappa-first-password');
	await users.getByRole('button', { name: 'Add' }).click();
	await expect(users.getByRole('status')).toHaveText(`${adminEmail} is now in ${name}.`);
	await expect(users.getByRole('cell', { name: adminEmail })).toBeVisible();

	const domains = page.getByRole('region', { name: /^Approved email domains/ });
	await domains.getByLabel('Email domain').fill('Kappa-' + tag + '.test');
	await domains.getByRole('button', { name: 'Approve' }).click();
	await expect(domains.getByRole('listitem')).toContainText(`kappa-${tag}.test · approved by the vendor on`);
	// A malformed domain is refused with the reason, and nothing is added.
	await domains.getByLabel('Email domain').fill('not a domain');
	await domains.getByRole('button', { name: 'Approve' }).click();
	await expect(domains.getByRole('alert')).toContainText('domain');
	await expect(domains.getByRole('listitem')).toHaveCount(1);

	const delegations = page.getByRole('region', { name: /^Delegations/ });
	await delegations.getByLabel('Find partner').fill('northwind');
	await expect(delegations.getByLabel('Partner', { exact: true })).toHaveValue(/.+/);
	await delegations.getByLabel('Scope').selectOption('read');
	await delegations.getByRole('button', { name: 'Delegate' }).click();
	await expect(delegations.getByRole('listitem')).toContainText('Northwind Partners');
	await expect(delegations.getByRole('listitem')).toContainText('view only');
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	expect(await seriousViolations(page)).toEqual([]);
	await keepScreenshot(page, test.info().outputPath('console-customer-actions-360.png'));

	page.once('dialog', (dialog) => void dialog.accept());
	await delegations.getByRole('button', { name: 'End the delegation with Northwind Partners' }).click();
	await expect(delegations.getByRole('status')).toHaveText('The delegation with Northwind Partners has ended.');
	await expect(delegations.getByRole('listitem')).toHaveCount(0);
	await page.context().close();

	// The new admin signs in with the password the vendor handed over and lands in the new workspace.
	const admin = new App(await (await browser.newContext()).newPage());
	await admin.page.goto('/');
	await admin.page.getByLabel('Email').fill(adminEmail);
	await admin.page.getByLabel('Password').fill('kappa-first-password');
	await admin.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(admin.page.getByRole('banner')).toContainText(name);
	await admin.page.context().close();
});

test('only vendor operators have the console', async ({ browser }) => {
	const { page } = await signedIn(browser, 'tech@acme.test', { width: 1280, height: 800 });
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' })).toHaveCount(0);
	await page.goto('/vendor/customers');
	await expect(page.getByText('The console is only for vendor operators.')).toBeVisible();
	await expect(page.getByRole('table')).toHaveCount(0);
	await page.context().close();
});
