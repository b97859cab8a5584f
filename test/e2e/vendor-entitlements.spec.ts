// Named to run after the customer-facing specs (files run in name order on one shared database): its 1,000 Acme
// certificates and redemptions would otherwise change what the sharing spec finds on Acme's devices.
// The vendor console's "Issue entitlements" at a desk (1280 x 800), and what customers and partners do with what it
// issues on their phones (360 px): a CSV of 1,000 certificates for Acme, one serial registered offline by a
// technician; a batch of vouchers printed as QR codes, one redeemed by a partner.
import { PROTOCOL_VERSION, SCHEMA_VERSION, addDays, renewedTerm, todayIn } from '@keyfield/shared';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { App, DEMO_PASSWORD, VoucherCenter, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

// Two browser contexts, several sign-ins (argon2id is slow on purpose) and 1,000 rows each way: more than the default minute on a busy 2-core machine.
test.describe.configure({ timeout: 180_000 });

/** A date as the console shows it in English ("March 31, 2099"). */
const day = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(`${iso}T00:00:00`));

const DESK = { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 };

async function accountIdOf(request: APIRequestContext, email: string, name: string): Promise<string> {
	const res = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
	const { accounts } = (await res.json()) as { accounts: { id: string; name: string }[] };
	await request.post('/api/auth/logout');
	return accounts.find((a) => a.name === name)!.id;
}

async function vendorAtDesk(browser: Browser): Promise<Page> {
	const context = await browser.newContext(DESK);
	const page = await context.newPage();
	await new App(page).signIn('vendor@keyfield.test');
	return page;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	return readFile((await download.path())!, 'utf8');
}

test('the vendor issues 1,000 certificates from a CSV; a technician registers one offline on a phone and the key arrives', async ({ browser, request }, testInfo) => {
	const acme = await accountIdOf(request, 'admin@acme.test', 'Acme Field Services');
	const tag = `E2E-${Date.now()}`;
	// Five seats each, like the demo's own KF-EDGE certificate: later specs take Acme's first free KF-EDGE serial.
	const rows = Array.from({ length: 1000 }, (_, i) => `${acme},KF-EDGE,5,2031-12-31,1,${tag}-${i + 1}`);
	const csv = ['account_id,sku,quantity,maintenance_end,serial_count,reference', ...rows].join('\r\n') + '\r\n';

	const desk = await vendorAtDesk(browser);
	await desk.goto('/vendor/entitlements');
	await expect(desk.getByRole('heading', { name: 'Issue entitlements' })).toBeVisible();
	expect(await seriousViolations(desk)).toEqual([]);
	await desk.getByRole('link', { name: 'Certificates' }).click();
	await expect(desk.getByRole('heading', { name: 'Certificates', level: 1 })).toBeVisible();

	// A file with wrong rows: the preview names them, and it cannot be issued.
	const broken = csv.replace(`,KF-EDGE,5,2031-12-31,1,${tag}-6\r\n`, `,KF-NOPE,5,2031-12-31,1,${tag}-6\r\n`).replace(`2031-12-31,1,${tag}-9\r\n`, `2031-02-30,1,${tag}-9\r\n`);
	await desk.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
	await expect(desk.getByTestId('bulk-summary')).toHaveText(/1,000 rows with 2 problems/);
	const problems = desk.getByRole('region', { name: /Problems by row/ });
	await expect(problems.getByRole('row').filter({ hasText: 'No such product in the catalog.' })).toContainText('7');
	await expect(problems.getByRole('row').filter({ hasText: 'Not a date written YYYY-MM-DD.' })).toContainText('10');
	await expect(desk.getByRole('button', { name: 'Issue 1,000 certificates' })).toBeDisabled();

	await desk.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'acme.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await expect(desk.getByTestId('bulk-summary')).toHaveText('1,000 rows, 1,000 serial numbers, no problems. Check the preview, then issue.');
	const preview = desk.getByRole('region', { name: 'The first 20 of 1,000 rows' });
	await expect(preview.getByRole('row')).toHaveCount(21);
	await expect(preview.getByRole('row').nth(1)).toContainText(`Acme Field Services`);
	await expect(preview.getByRole('row').nth(1)).toContainText(`${tag}-1`);
	expect(await seriousViolations(desk)).toEqual([]);

	const started = Date.now();
	await desk.getByRole('button', { name: 'Issue 1,000 certificates' }).click();
	await expect(desk.getByText('Issued 1,000 certificates with 1,000 serial numbers.')).toBeVisible();
	testInfo.annotations.push({ type: 'bulk issue in the browser (click to listed)', description: `${Date.now() - started} ms` });
	await expect(desk.getByRole('region', { name: 'The first 100 of 1,000 serial numbers' }).getByRole('row')).toHaveCount(101);
	const file = await downloaded(desk, () => desk.getByRole('button', { name: 'Download serial numbers (CSV)' }).click());
	const lines = file.trim().split('\r\n');
	expect(lines[0]).toBe('serial,certificate_id,account_id,account_name,sku,quantity,maintenance_end,reference,row');
	expect(lines).toHaveLength(1001);
	const serial = lines[500]!.split(',')[0]!;
	expect(lines[500]).toContain(`${tag}-500`);
	expect(await seriousViolations(desk)).toEqual([]);
	await keepScreenshot(desk, testInfo.outputPath('certificates-issued-1280.png'));

	// On a customer site with no signal: Get a key for one of the new serials, queued, then confirmed online.
	const phone = await browser.newContext();
	const app = new App(await phone.newPage());
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();
	await phone.setOffline(true);
	await app.page.reload();
	await expect(app.status).toContainText('Offline');
	await app.getKey(serial);
	await expect(app.page.getByText(/Queued/)).toBeVisible();
	await expect(app.status).toContainText('1 pending');
	await phone.setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await app.openLicenses();
	await expect(app.licenseItem(serial)).not.toContainText(/Pending/);
	await app.licenseItem(serial).getByRole('link').first().click();
	await expect(app.page.getByText('Signature valid')).toBeVisible();
	await phone.close();

	// Back at the desk, the vendor's search finds the serial (typed without dashes) with its new license.
	await desk.goto('/vendor/search');
	await desk.getByLabel(/^Serial, voucher/).fill(serial.replace(/-/g, '').toLowerCase());
	await desk.getByRole('button', { name: 'Search' }).click();
	const hit = desk.getByRole('article', { name: `Serial ${serial}` });
	await expect(hit).toContainText('Registered');
	await expect(hit.getByRole('link', { name: 'Acme Field Services' })).toBeVisible();
	await expect(hit.getByText('tech@acme.test')).toBeVisible(); // who registered it
	await desk.context().close();
});

test('the vendor mints vouchers and prints their QR sheet; a partner redeems one of them', async ({ browser }, testInfo) => {
	const desk = await vendorAtDesk(browser);
	await desk.goto('/vendor/entitlements/vouchers');
	await desk.getByLabel('Product').selectOption('KF-VAULT');
	await desk.getByLabel('Seats per voucher').fill('3');
	await desk.getByLabel('Maintenance months from redemption').fill('12');
	await desk.getByLabel('Vouchers', { exact: true }).fill('6');
	await desk.getByLabel('Redeemable until').fill('2099-12-31');
	expect(await seriousViolations(desk)).toEqual([]);
	await desk.getByRole('button', { name: 'Mint vouchers' }).click();

	await expect(desk).toHaveURL(/\/vendor\/entitlements\/vouchers\/sheet\?batch=/);
	const sheet = desk.getByRole('region', { name: 'Sheet of 6 vouchers' });
	const qrs = sheet.getByRole('img', { name: /^QR code of voucher V-/ });
	await expect(qrs).toHaveCount(6);
	for (const qr of await qrs.all()) await expect(qr.locator('svg')).toBeVisible();
	expect(await seriousViolations(desk)).toEqual([]);
	const codes = (await downloaded(desk, () => desk.getByRole('button', { name: 'Download codes (CSV)' }).click())).trim().split('\r\n').slice(1).map((l) => l.split(',')[0]!);
	expect(codes).toHaveLength(6);
	for (const code of codes) await expect(sheet.getByText(code, { exact: true })).toBeVisible();

	// Printed, only the sheet shows: one cell per voucher, its QR code with the code under it.
	await desk.emulateMedia({ media: 'print' });
	await expect(desk.getByRole('heading', { name: 'Voucher sheet' })).toBeHidden();
	await expect(desk.getByRole('button', { name: 'Print the sheet' })).toBeHidden();
	await expect(qrs.first()).toBeVisible();
	await keepScreenshot(desk, testInfo.outputPath('voucher-sheet-print.png'));
	await desk.emulateMedia({ media: 'screen' });

	const phone = await browser.newContext();
	const page = await phone.newPage();
	await new App(page).signIn('partner@northwind.test');
	const center = new VoucherCenter(page);
	await center.open();
	await center.redeemInto('Acme Field Services (delegated to you)');
	await center.redeem(codes[2]!);
	await expect(center.item(codes[2]!)).toContainText('Redeemed', { timeout: 20_000 });
	await phone.close();

	// The sheet of what is still available leaves the redeemed one out.
	await desk.reload();
	await expect(desk.getByRole('region', { name: 'Sheet of 5 vouchers' }).getByRole('img', { name: /^QR code/ })).toHaveCount(5);
	await expect(desk.getByRole('region', { name: 'Sheet of 5 vouchers' }).getByText(codes[2]!)).toHaveCount(0);
	await desk.context().close();
});

test('every page of Issue entitlements is axe clean for the vendor, and says "vendor operators only" to anyone else', async ({ browser }, testInfo) => {
	const desk = await vendorAtDesk(browser);
	for (const [path, heading] of [
		['/vendor/entitlements/notifications', 'Upgrade notifications'],
		['/vendor/entitlements/agreements', 'Enterprise agreements'],
		['/vendor/entitlements/contracts', 'Maintenance contracts'],
		['/vendor/entitlements/confirmations', 'Confirmations']
	] as const) {
		await desk.goto(path);
		await expect(desk.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
		await expect(desk.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
		expect(await seriousViolations(desk), path).toEqual([]);
		await keepScreenshot(desk, testInfo.outputPath(`${path.split('/').pop()}-1280.png`));
	}
	await desk.context().close();

	const phone = await browser.newContext();
	const page = await phone.newPage();
	await new App(page).signIn('admin@acme.test');
	await page.goto('/vendor/entitlements/certificates');
	await keepScreenshot(page, testInfo.outputPath('vendors-only-360.png'), { fullPage: false });
	// The console's own frame refuses anyone but a vendor operator, before any entitlements page is shown.
	await expect(page.getByText('The console is only for vendor operators.')).toBeVisible();
	await expect(page.getByLabel('CSV file', { exact: true })).toHaveCount(0);
	expect(await seriousViolations(page)).toEqual([]);
	await phone.close();
});

test('the vendor confirms a renewal and a co-term that customers requested, from the console', async ({ browser, request }) => {
	// A customer of its own (the demo's contract buckets stay as other specs count them), whose admin asks for a
	// renewal of one new contract and a co-term of two others, as the app queues them.
	await request.post('/api/auth/login', { data: { email: 'vendor@keyfield.test', password: DEMO_PASSWORD } });
	const name = `Renewing Co ${crypto.randomUUID().slice(0, 6)}`;
	const created = await request.post('/api/admin/accounts', { data: { name, kind: 'customer' } });
	expect(created.status(), await created.text()).toBe(201);
	const acme = ((await created.json()) as { id: string }).id;
	const adminEmail = `admin-${crypto.randomUUID().slice(0, 8)}@renewing.test`;
	expect((await request.post('/api/admin/users', { data: { email: adminEmail, password: DEMO_PASSWORD, accountId: acme, role: 'admin' } })).status()).toBe(201);
	const contract = async (endsOn: string) => {
		const cert = await request.post('/api/admin/certificates', { data: { accountId: acme, sku: 'KF-SCAN', quantity: 2, maintenanceEnd: endsOn, serialCount: 1 } });
		const { id: certificateId } = (await cert.json()) as { id: string };
		const res = await request.post('/api/admin/contracts', { data: { accountId: acme, certificateId, startsOn: '2026-01-01', endsOn, channel: 'online', purchasedOn: '2026-01-01' } });
		expect(res.status(), await res.text()).toBe(201);
		return ((await res.json()) as { id: string }).id;
	};
	// Online renewal opens shortly before the end: this one ends in 17 days; the co-term brings 33 days up to 211.
	const today = todayIn('UTC');
	const [renewEnd, earlyEnd, lateEnd] = [addDays(today, 17), addDays(today, 33), addDays(today, 211)];
	const [renewing, early, late] = [await contract(renewEnd), await contract(earlyEnd), await contract(lateEnd)];
	await request.post('/api/auth/logout');
	await request.post('/api/auth/login', { data: { email: adminEmail, password: DEMO_PASSWORD } });
	const at = new Date().toISOString();
	const pushed = await request.post('/api/sync/push', {
		data: {
			protocolVersion: PROTOCOL_VERSION,
			schemaVersion: SCHEMA_VERSION,
			clientId: crypto.randomUUID(),
			mutations: [
				{ id: 1, name: 'contract.renew', createdAt: at, args: { renewalId: crypto.randomUUID(), contractId: renewing, accountId: acme } },
				{ id: 2, name: 'contract.coterm', createdAt: at, args: { cotermId: crypto.randomUUID(), accountId: acme, contractIds: [early, late] } }
			]
		}
	});
	expect(((await pushed.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['applied', 'applied']);
	await request.post('/api/auth/logout');

	const desk = await vendorAtDesk(browser);
	await desk.goto('/vendor/entitlements');
	await desk.getByRole('link', { name: 'Confirmations' }).click();
	const renewals = desk.getByRole('region', { name: /renewals waiting/ });
	const renewal = renewals.getByRole('row').filter({ hasText: day(renewEnd) });
	await expect(renewal).toContainText(adminEmail);
	await renewal.getByRole('spinbutton').fill('24');
	await renewal.getByRole('button', { name: `Confirm renewal for ${name}, KF-SCAN` }).click();
	const renewed = renewedTerm(renewEnd, today, 24).endsOn;
	await expect(desk.getByRole('status').filter({ hasText: `Renewal confirmed: ${name}, KF-SCAN now ends on ${day(renewed)}.` })).toBeVisible();
	await expect(desk.getByRole('row').filter({ hasText: day(renewEnd) })).toHaveCount(0);

	const coterm = desk.getByRole('region', { name: /co-terms waiting/ }).getByRole('row').filter({ hasText: day(earlyEnd) });
	await expect(coterm).toContainText(day(lateEnd));
	await coterm.getByRole('button', { name: `Confirm co-term for ${name}` }).click();
	await expect(desk.getByRole('status').filter({ hasText: `Co-term confirmed: ${name}'s contracts now end on ${day(lateEnd)}.` })).toBeVisible();
	await expect(desk.getByRole('row').filter({ hasText: day(earlyEnd) })).toHaveCount(0);
	await expect(desk.getByRole('heading', { name: 'Seat-package orders' })).toBeVisible();
	expect(await seriousViolations(desk)).toEqual([]);
	await desk.context().close();
});
