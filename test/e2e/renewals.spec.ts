// Renewals in real Chromium at 360 px: the expiry dashboard offline, an online renewal requested offline and
// confirmed by the vendor (new end date and re-signed key on the device), and a contract that cannot be renewed
// online saying why and whom to contact.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { App, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';
import { asVendor, longDate, newContract } from './renewal-fixtures.ts';

test.describe.configure({ mode: 'serial' });

function bucket(app: App, label: string) {
	return app.page.getByRole('group', { name: 'Contracts by time left' }).getByRole('button', { name: new RegExp(label) });
}

test('the expiry dashboard works offline at 360 px: buckets, counts, filters', async ({ page, context }) => {
	const app = new App(page);
	await app.signIn('admin@acme.test');
	await app.waitForOfflineReady();
	await page.getByRole('link', { name: 'Expiry' }).click();
	await expect(page.getByRole('heading', { name: 'What expires when' })).toBeVisible();

	await context.setOffline(true);
	await page.reload();
	await expect(app.status).toContainText('Offline');
	await expect(page.getByText(/As of last sync/)).toBeVisible();
	// The demo: two ended, one within 30 days, one within 90 (a partner sale), one later.
	await expect(bucket(app, 'Expired')).toContainText('2');
	await expect(bucket(app, '30 days or less')).toContainText('1');
	await expect(bucket(app, '31 to 90 days')).toContainText('1');
	await expect(bucket(app, 'Later')).toContainText('1');
	const items = page.getByRole('list', { name: 'All' }).getByRole('listitem');
	await expect(items).toHaveCount(5);
	await expect(items.first()).toContainText('Ended'); // soonest end first: the longest ended
	await expect(items.last()).toContainText('Ends');

	await page.getByLabel('Product').selectOption({ label: 'Keyfield Vault' });
	await expect(bucket(app, 'Expired')).toContainText('1');
	await expect(bucket(app, '30 days or less')).toContainText('0');
	await bucket(app, '31 to 90 days').click();
	await expect(bucket(app, '31 to 90 days')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('list', { name: '31 to 90 days' }).getByRole('listitem')).toHaveCount(1);

	// The end dates of what is shown, as a calendar file made on the device.
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Add end dates to a calendar (.ics)' }).click()]);
	expect(download.suggestedFilename()).toBe('keyfield-contract-ends.ics');
	const ics = readFileSync((await download.path())!, 'utf8');
	expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
	expect(ics).toContain('SUMMARY:Maintenance ends: Keyfield Vault (Acme Field Services)');

	await keepScreenshot(page, test.info().outputPath('expiry-offline.png'));
	expect(await seriousViolations(page)).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

test('a contract that cannot be renewed online says why and whom to contact', async ({ page, browser }) => {
	test.slow(); // two devices sign in
	const app = new App(page);
	await app.signIn('admin@acme.test');
	await page.goto('/expiry');
	await bucket(app, '31 to 90 days').click();
	await page.getByRole('link', { name: /Keyfield Vault/ }).click();

	await expect(page.getByRole('heading', { name: 'This contract cannot be renewed online' })).toBeVisible();
	await expect(page.getByText('It was bought from a partner, who renews it.')).toBeVisible();
	await expect(page.getByText(/Online renewal opens 30 days before the end/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Contact to renew' })).toBeVisible();
	await expect(page.getByText('Northwind Partners', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'renewals@northwind.test' })).toHaveAttribute('href', 'mailto:renewals@northwind.test');
	await expect(page.getByRole('link', { name: '+34 911 000 111' })).toHaveAttribute('href', 'tel:+34911000111');
	await expect(page.getByRole('button', { name: 'Renew online' })).toHaveCount(0);
	// Reminder lead times of this contract, for the whole workspace (contract.setReminders, synced).
	const leads = page.getByLabel('Remind me this many days before the end');
	await expect(leads).toHaveValue('60, 30, 7');
	await leads.fill('two weeks');
	await page.getByRole('button', { name: 'Save reminders' }).click();
	await expect(page.getByText('Type up to five whole numbers of days from 1 to 365, separated by commas.')).toBeVisible();
	await leads.fill('14 45');
	await page.getByRole('button', { name: 'Save reminders' }).click();
	await expect(page.getByText('Reminders saved: they reach every device of this workspace with the next sync.')).toBeVisible();
	await expect(app.status).toContainText('0 pending');
	await page.reload();
	await expect(page.getByLabel('Remind me this many days before the end')).toHaveValue('45, 14');
	// Another device of the workspace (a technician, who may not change them) has them from the server.
	const tech = new App(await (await browser.newContext()).newPage());
	await tech.signIn('tech@acme.test');
	await tech.page.goto(page.url());
	await expect(tech.page.getByText('Reminders 45, 14 days before the end. Only an admin of this workspace can change them.')).toBeVisible();
	await tech.page.context().close();
	await keepScreenshot(page, test.info().outputPath('contract-partner.png'));
	expect(await seriousViolations(page)).toEqual([]);

	// Bought before the product's renewal cutoff: the upgrade path instead.
	await page.getByRole('link', { name: 'All contracts' }).click();
	await page.getByRole('link', { name: /Keyfield Scanner/ }).click();
	await expect(page.getByText(/It was bought at version 7.4: contracts from before version 8.0 renew only after an upgrade/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Upgrade the product' })).toHaveAttribute('href', '/upgrade');
});

test('a renewal requested offline is sent online, confirmed by the vendor, and brings the new end and a re-signed key', async ({ page, context, request }) => {
	const contract = await newContract(request, 10);
	const app = new App(page);
	await app.signIn('admin@acme.test');
	await app.getKey(contract.serial);
	await expect(page.getByText('Your key is ready.')).toBeVisible({ timeout: 20_000 });
	await app.waitForOfflineReady();
	await page.goto(`/expiry/${contract.id}`);
	await expect(page.getByText(`Ends ${longDate(contract.endsOn)}`)).toBeVisible();

	await context.setOffline(true);
	await expect(app.status).toContainText('Offline');
	await page.getByRole('button', { name: 'Renew online' }).click();
	await expect(page.getByRole('heading', { name: 'Renewal waiting to sync' })).toBeVisible();
	await expect(app.status).toContainText('1 pending');
	await keepScreenshot(page, test.info().outputPath('renewal-queued.png'));
	expect(await seriousViolations(page)).toEqual([]);

	await context.setOffline(false);
	await expect(page.getByRole('heading', { name: 'Renewal requested' })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText(/by admin@acme\.test/)).toBeVisible();
	await expect(app.status).toContainText('0 pending');

	// The vendor confirms the payment through the API, by the pending request's id.
	await asVendor(request);
	const listing = await request.get(`/api/admin/contracts?accountId=${contract.accountId}`);
	const { contracts } = (await listing.json()) as { contracts: { id: string; pendingRenewal: { id: string } | null }[] };
	const renewalId = contracts.find((c) => c.id === contract.id)!.pendingRenewal!.id;
	const confirmed = await request.post(`/api/admin/contracts/${contract.id}/confirm-renewal`, { data: { renewalId } });
	expect(confirmed.status(), await confirmed.text()).toBe(200);
	const { endsOn } = (await confirmed.json()) as { endsOn: string };
	expect(endsOn > contract.endsOn).toBe(true);

	// The next sync brings it (pressed here rather than waiting for the event stream, which may still be reconnecting
	// after the offline spell): the new end, and no renewal to ask for before 30 days remain.
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByText(`Ends ${longDate(endsOn)}`)).toBeVisible({ timeout: 20_000 });
	await expect(page.getByRole('heading', { name: 'This contract cannot be renewed online' })).toBeVisible();
	// The new certificate revision shows the new end, and prints alone.
	const certificate = page.getByRole('region', { name: 'Maintenance certificate · revision 2' });
	await expect(certificate).toContainText(longDate(endsOn));
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print certificate' })).toBeHidden();
	await expect(certificate).toBeVisible();
	await keepScreenshot(page, test.info().outputPath('certificate-print.png'), { fullPage: false });
	await page.emulateMedia({ media: 'screen' });

	// The home screen reminds of what ends soon; the license carries the new end in a re-signed key.
	await page.goto('/');
	await expect(page.getByRole('complementary', { name: 'Maintenance contracts to look at' })).toContainText('Ended: 2');
	await app.licenseItem(contract.serial).getByRole('link').first().click();
	await expect(page.getByText(`(${longDate(endsOn)})`)).toBeVisible();
	await expect(page.getByText('Signature valid')).toBeVisible();
	const key = (await page.getByText(/^KF1\./).textContent())!;
	const payload = JSON.parse(Buffer.from(key.split('.')[1]!, 'base64url').toString()) as { maintEnd: string };
	expect(payload.maintEnd).toBe(endsOn);
});

test('co-terming two contracts: the plan on the device, queued offline, confirmed by the vendor, one end date', async ({ page, context, request }) => {
	const early = await newContract(request, 12);
	const late = await newContract(request, 70);
	const app = new App(page);
	await app.signIn('admin@acme.test');
	await app.waitForOfflineReady();
	await page.goto('/expiry');
	await page.getByRole('link', { name: 'Co-term contracts' }).click();

	await context.setOffline(true);
	const plan = page.getByRole('main').getByRole('status');
	await page.getByRole('checkbox', { name: new RegExp(longDate(early.endsOn)) }).check();
	await expect(plan).toContainText('Pick at least two contracts.');
	await page.getByRole('checkbox', { name: new RegExp(longDate(late.endsOn)) }).check();
	// 58 days added to the 2-seat contract that ends first; none to the other.
	await expect(plan).toContainText(`Common end ${longDate(late.endsOn)}: 116 seat-days added in all.`);
	await expect(page.getByText('+58 days · 116 seat-days')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Request co-term' }).click();
	await expect(page.getByRole('heading', { name: 'What expires when' })).toBeVisible();
	await expect(app.status).toContainText('1 pending');

	await context.setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await asVendor(request);
	const listing = await request.get(`/api/admin/contracts?accountId=${early.accountId}`);
	const { contracts } = (await listing.json()) as { contracts: { id: string; pendingCoterm: { id: string; commonEnd: string } | null }[] };
	const pending = contracts.find((c) => c.id === early.id)!.pendingCoterm!;
	expect(pending.commonEnd).toBe(late.endsOn);
	const confirmed = await request.post(`/api/admin/contracts/coterms/${pending.id}/confirm`);
	expect(confirmed.status(), await confirmed.text()).toBe(200);

	await page.goto(`/expiry/${early.id}`);
	await expect(page.getByText(`Ends ${longDate(late.endsOn)}`)).toBeVisible({ timeout: 20_000 });
});
