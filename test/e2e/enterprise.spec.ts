// Enterprise Flexible in a real browser against the real server: draw-downs queued offline and counted against
// what remains, confirmed online with a signed key, released, exported as CSV, and a draw-down past the cap.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { App, DEMO_PASSWORD, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

/** A fresh agreement for Acme through the vendor API, so each test starts from its own cap. */
async function newAgreement(request: APIRequestContext, name: string, seatCap: number): Promise<string> {
	const login = async (email: string) => {
		const res = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
		expect(res.status()).toBe(200);
		return (await res.json()) as { accounts: { id: string; name: string }[] };
	};
	const acme = (await login('admin@acme.test')).accounts.find((a) => a.name === 'Acme Field Services')!.id;
	await login('vendor@keyfield.test');
	const res = await request.post('/api/admin/agreements', {
		data: {
			accountId: acme, name, startsOn: '2020-01-01', endsOn: '2099-12-31',
			licensee: { company: 'Acme Field Services', contactName: 'Acme IT', email: 'it@acme.test', country: 'ES' },
			products: [{ sku: 'KF-EDGE', seatCap }]
		}
	});
	expect(res.status(), await res.text()).toBe(201);
	await request.post('/api/auth/logout');
	return ((await res.json()) as { id: string }).id;
}

async function openAgreement(page: Page, name: string) {
	await page.getByRole('link', { name: 'Enterprise Flexible agreements' }).click();
	await page.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

const remainingCell = (page: Page) => page.getByRole('row', { name: /Keyfield Edge Gateway/ }).getByRole('cell').nth(2);

test('draw down offline: counted against what remains, confirmed online with a key, released, exported as CSV', async ({ browser, request }) => {
	const name = `Field Flex ${crypto.randomUUID().slice(0, 8)}`;
	await newAgreement(request, name, 5);
	const context = await browser.newContext();
	const page = await context.newPage();
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();
	await openAgreement(page, name);
	await expect(remainingCell(page)).toHaveText('5');
	expect(await seriousViolations(page), 'agreement').toEqual([]);

	await context.setOffline(true);
	await page.reload();
	await expect(app.status).toContainText('Offline');
	await page.getByRole('textbox', { name: 'Seats', exact: true }).fill('2');
	await page.getByRole('button', { name: 'Draw down' }).click();
	await expect(page.getByText(/Queued: 2 seats of Keyfield Edge Gateway/)).toBeVisible();
	await expect(app.status).toContainText('1 pending');
	await expect(remainingCell(page)).toHaveText('3');
	await expect(page.getByText(/queued on this device/)).toBeVisible();

	// More than remains as of last sync, own pending draw-down included: stopped on the device.
	await page.getByRole('textbox', { name: 'Seats', exact: true }).fill('4');
	await page.getByRole('button', { name: 'Draw down' }).click();
	await expect(page.getByText(/Only 3 seats remain as of last sync/)).toBeVisible();
	await expect(app.status).toContainText('1 pending');
	await keepScreenshot(page, 'test-results/enterprise-agreement-360.png');

	await context.setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(remainingCell(page)).toHaveText('3');
	await expect(page.getByText(/queued on this device/)).toHaveCount(0);
	await expect(page.getByRole('table', { name: 'History' })).toContainText('tech@acme.test');

	const drawn = page.getByRole('region', { name: 'Licenses drawn from this agreement' });
	await drawn.getByRole('link', { name: 'Keyfield Edge Gateway' }).click();
	await expect(page.getByText('Signature valid')).toBeVisible();
	await expect(page.getByText(`Drawn from ${name}`)).toBeVisible();
	expect(await seriousViolations(page), 'license').toEqual([]);

	await page.getByLabel('Seats to release').fill('1');
	await page.getByRole('button', { name: 'Release' }).click();
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(page.getByRole('definition').filter({ hasText: /^1$/ })).toBeVisible();
	await page.getByRole('link', { name }).click();
	await expect(remainingCell(page)).toHaveText('4');
	// The export is made from the synced history: wait for the release's row to arrive (header + draw + release).
	await expect(page.getByRole('table', { name: 'History' }).getByRole('row')).toHaveCount(3, { timeout: 20_000 });

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^field-flex-[a-z0-9-]+-usage-\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n');
	expect(csv[0]).toBe('agreement_id,agreement,at,sku,product,event,seats,seats_in_use_after,seat_cap,license_id,user');
	expect(csv[1]).toMatch(/,KF-EDGE,Keyfield Edge Gateway,draw,2,2,5,.*,tech@acme\.test$/);
	expect(csv[2]).toMatch(/,release,1,1,5,/);
	expect(csv[1]!.split(',')[2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await context.close();
});

test('a draw-down queued offline past what another device took meanwhile ends in Needs attention, saying so', async ({ browser, request }) => {
	const name = `Tight Flex ${crypto.randomUUID().slice(0, 8)}`;
	await newAgreement(request, name, 3);
	const techContext = await browser.newContext();
	const tech = new App(await techContext.newPage());
	await tech.signIn('tech@acme.test');
	await tech.waitForOfflineReady();
	await openAgreement(tech.page, name);
	await techContext.setOffline(true);
	await tech.page.reload();
	await expect(tech.status).toContainText('Offline');
	await tech.page.getByRole('textbox', { name: 'Seats', exact: true }).fill('3');
	await tech.page.getByRole('button', { name: 'Draw down' }).click();
	await expect(tech.status).toContainText('1 pending');

	const adminContext = await browser.newContext();
	const admin = new App(await adminContext.newPage());
	await admin.signIn('admin@acme.test');
	await openAgreement(admin.page, name);
	await admin.page.getByRole('textbox', { name: 'Seats', exact: true }).fill('2');
	await admin.page.getByRole('button', { name: 'Draw down' }).click();
	// Confirmed only once the server's event is back (the pending count may read 0 before the push even starts).
	await expect(admin.page.getByRole('table', { name: 'History' })).toContainText('admin@acme.test', { timeout: 20_000 });
	await expect(remainingCell(admin.page)).toHaveText('1');

	await techContext.setOffline(false);
	await expect(tech.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(remainingCell(tech.page)).toHaveText('1');
	await tech.page.getByRole('link', { name: /Needs attention/ }).first().click();
	const attention = tech.page.getByRole('region', { name: 'Needs attention' });
	await expect(attention).toContainText('Draw down');
	await expect(attention).toContainText('Not enough seats remained on the agreement');
	await attention.getByText('What the server said').click();
	await expect(attention).toContainText(/Only 1 seat of KF-EDGE remain/);
	await techContext.close();
	await adminContext.close();
});
