// 2-step verification and signed-in devices: a technician turns 2-step verification on from one phone (QR code,
// code, recovery codes shown once), signs out their other phone, whose change queued offline is kept through the
// revoked session and sent once they sign in there again, now with a code from the authenticator app.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { base32Decode, hotp, timeStep } from '../../sync-server/src/auth/totp.ts';
import { App, DEMO_PASSWORD, freeSerial, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

/** A new technician of Acme (vendor API), so the demo users keep signing in without a code. */
async function newTechnician(request: APIRequestContext): Promise<string> {
	const acme = (await (await request.post('/api/auth/login', { data: { email: 'admin@acme.test', password: DEMO_PASSWORD } })).json()) as { accounts: { id: string }[] };
	await request.post('/api/auth/login', { data: { email: 'vendor@keyfield.test', password: DEMO_PASSWORD } });
	const email = `tech-${Date.now()}@acme.test`;
	const res = await request.post('/api/admin/users', { data: { email, password: DEMO_PASSWORD, accountId: acme.accounts[0]!.id, role: 'technician' } });
	expect(res.status(), await res.text()).toBe(201);
	await request.post('/api/auth/logout');
	return email;
}

const code = (secret: string, steps: number) => hotp(base32Decode(secret), timeStep(new Date()) + steps);

test('2-step verification on, other device signed out, its queue kept and sent after signing in with a code', async ({ browser, request }) => {
	const email = await newTechnician(request);
	const serial = await freeSerial(request, 'admin@acme.test');

	const other = new App(await (await browser.newContext()).newPage());
	await other.signIn(email);
	await other.waitForOfflineReady();
	await other.page.context().setOffline(true);
	await other.getKey(serial);
	await expect(other.status).toContainText('1 pending');

	const phone = new App(await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage());
	await phone.signIn(email);
	await phone.page.goto('/account');
	await phone.page.getByRole('link', { name: 'Sign-in security: 2-step verification and devices' }).click();
	const twoStep = phone.page.getByRole('region', { name: '2-step verification' });
	await twoStep.getByRole('button', { name: 'Set up 2-step verification' }).click();
	await expect(twoStep.getByRole('img', { name: 'QR code to add Keyfield to your authenticator app' }).locator('svg')).toBeVisible();
	const secret = (await twoStep.getByTestId('totp-secret').textContent())!.trim();
	await twoStep.getByLabel('Code the app shows').fill('000000' === code(secret, -1) ? '111111' : '000000');
	await twoStep.getByRole('button', { name: 'Turn on' }).click();
	await expect(twoStep.getByRole('alert')).toContainText('This code is not valid');
	await twoStep.getByLabel('Code the app shows').fill(code(secret, -1));
	await twoStep.getByRole('button', { name: 'Turn on' }).click();
	await expect(twoStep.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
	expect(await seriousViolations(phone.page)).toEqual([]);
	await keepScreenshot(phone.page, test.info().outputPath('security-recovery-360.png'));
	await twoStep.getByRole('button', { name: 'I saved them' }).click();
	await expect(twoStep).toContainText('Recovery codes left: 10');

	const devices = phone.page.getByRole('region', { name: 'Signed-in devices' });
	await expect(devices.getByRole('listitem')).toHaveCount(2);
	await expect(devices.getByRole('listitem').filter({ hasText: 'This device' })).toHaveCount(1);
	await devices.getByRole('button', { name: 'Sign out all other devices' }).click();
	await expect(devices.getByRole('status')).toContainText('Devices signed out: 1');
	await expect(devices.getByRole('listitem')).toHaveCount(1);
	expect(await seriousViolations(phone.page)).toEqual([]);
	await keepScreenshot(phone.page, test.info().outputPath('security-devices-360.png'));

	// The other phone comes back online: its session was revoked, so the push gets a 401 and the change waits.
	await other.page.context().setOffline(false);
	await other.page.getByRole('button', { name: 'Sync now' }).click();
	await expect(other.page.getByText(/session expired/i).first()).toBeVisible({ timeout: 15_000 });
	await expect(other.status).toContainText('1 pending');

	await other.page.getByRole('link', { name: 'Sign in again' }).or(other.page.getByRole('button', { name: 'Sign in again' })).first().click();
	const emailField = other.page.getByLabel('Email');
	if ((await emailField.inputValue()) === '') await emailField.fill(email);
	await other.page.getByLabel('Password').fill(DEMO_PASSWORD);
	await other.page.getByRole('button', { name: 'Sign in' }).click();
	const codeField = other.page.getByLabel('Code from your authenticator app');
	await expect(codeField).toBeVisible();
	await codeField.fill('123456' === code(secret, 1) ? '654321' : '123456');
	await other.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(other.page.getByRole('alert')).toContainText('This code is not valid');
	await codeField.fill(code(secret, 1));
	await other.page.getByRole('button', { name: 'Sign in' }).click();
	await expect(other.status).toContainText('0 pending', { timeout: 20_000 });
	await other.openLicenses();
	await expect(other.licenseItem(serial)).not.toContainText(/Pending/);
});

test("an admin reads the workspace's journal, filters it, checks its chain and exports CSV", async ({ page }) => {
	const app = new App(page);
	await app.signIn('admin@acme.test');
	await page.goto('/account');
	await page.getByRole('link', { name: 'Activity journal: who changed what, and when' }).click();
	const entries = page.getByRole('list', { name: 'Journal entries' });
	await expect(entries.getByRole('listitem').first()).toBeVisible();
	await page.getByLabel('Type').fill('license.requestKey');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(entries.getByRole('listitem').first()).toContainText('license.requestKey');
	await expect(entries.getByRole('listitem').filter({ hasNotText: 'license.requestKey' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Check integrity' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The journal is intact' })).toBeVisible();
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Export CSV' }).click();
	expect((await download).suggestedFilename()).toMatch(/^journal-.*\.csv$/);
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 360, height: 780 });
	await keepScreenshot(page, test.info().outputPath('journal-360.png'));
});
