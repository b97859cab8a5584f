// Sharing as the recipient sees it, and custom data edited offline: Acme's admin shares a license with Globex
// (by Globex's share code), stops sharing and shares again; Globex's admin sees it appear, vanish and come back,
// read-only, with Acme's custom data as Acme's admin saved it offline.
import { expect, test, type Browser } from '@playwright/test';
import { App, keepScreenshot } from './fixtures.ts';

async function signedIn(browser: Browser, email: string): Promise<App> {
	const context = await browser.newContext();
	const app = new App(await context.newPage());
	await app.signIn(email);
	return app;
}

test('share, unshare and share again as the recipient sees it; an offline edit reaches them', async ({ browser }) => {
	const globex = await signedIn(browser, 'admin@globex.test');
	const shared = globex.page.getByRole('listitem').filter({ hasText: 'Shared by Acme Field Services' });

	// The demo seed shares one of Acme's licenses with Globex: it opens read-only, with Acme's custom data.
	await shared.getByRole('link').click();
	await expect(globex.page.getByText('Shared by Acme Field Services: you can see it, only its owner can change it.')).toBeVisible();
	await expect(globex.page.getByRole('region', { name: 'Custom data' })).toContainText('CC-4410');
	await expect(globex.page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
	await expect(globex.page.getByRole('heading', { name: 'Sharing' })).toHaveCount(0);
	const licenseUrl = new URL(globex.page.url()).pathname;

	await globex.page.goto('/account');
	const code = (await globex.page.getByTestId('share-code').textContent())!.trim();
	expect(code).toMatch(/^A-/);

	const acme = await signedIn(browser, 'admin@acme.test');
	await acme.page.goto(licenseUrl);
	const sharing = acme.page.getByRole('region', { name: 'Sharing' });
	await expect(sharing.getByRole('list', { name: 'Shared with' })).toContainText('Globex Industrial');
	await keepScreenshot(acme.page, test.info().outputPath('owner-license-360.png'));

	await sharing.getByRole('button', { name: 'Stop sharing with Globex Industrial' }).click();
	await expect(sharing).toContainText('Not shared with any other account.', { timeout: 20_000 });
	await globex.page.getByRole('link', { name: 'Licenses', exact: true }).first().click();
	await globex.page.getByRole('button', { name: 'Sync now' }).click();
	await expect(shared).toHaveCount(0, { timeout: 20_000 });

	// A typo in the code is caught on the device; the right code shares it again.
	const codeInput = sharing.getByLabel('Share code of the other account');
	await codeInput.fill(code.slice(0, 2) + (code[2] === '7' ? '8' : '7') + code.slice(3));
	await sharing.getByRole('button', { name: 'Share read-only' }).click();
	await expect(sharing.getByRole('alert')).toContainText('mistyped');
	await codeInput.fill(code.toLowerCase());
	await sharing.getByRole('button', { name: 'Share read-only' }).click();
	await expect(sharing.getByRole('list', { name: 'Shared with' })).toContainText('Globex Industrial', { timeout: 20_000 });
	await globex.page.getByRole('button', { name: 'Sync now' }).click();
	await expect(shared).toHaveCount(1, { timeout: 20_000 });

	// Offline, Acme's admin edits a field: it shows as pending, then reaches Globex once online.
	await acme.waitForOfflineReady();
	await acme.page.context().setOffline(true);
	const fields = acme.page.getByRole('region', { name: 'Custom data' });
	await fields.getByRole('button', { name: 'Edit' }).click();
	await fields.getByLabel('Renewal owner').fill('Rita Renewals');
	await fields.getByLabel('Site').selectOption('Remote');
	await fields.getByRole('button', { name: 'Save' }).click();
	await expect(fields).toContainText('Rita Renewals');
	await expect(fields.getByText('Pending — saved on this device, sent when you are back online')).toHaveCount(2);
	await keepScreenshot(acme.page, test.info().outputPath('owner-fields-offline-360.png'));
	await acme.page.context().setOffline(false);
	await expect(acme.status).toContainText('0 pending', { timeout: 20_000 });

	await globex.page.getByRole('button', { name: 'Sync now' }).click();
	await shared.getByRole('link').click();
	await expect(globex.page.getByRole('region', { name: 'Custom data' })).toContainText('Rita Renewals', { timeout: 20_000 });
	await expect(globex.page.getByRole('region', { name: 'Custom data' })).toContainText('Remote');
	await keepScreenshot(globex.page, test.info().outputPath('recipient-license-360.png'));
});
