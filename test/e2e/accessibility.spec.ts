import { expect, test, type Page } from '@playwright/test';
import { App } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

test('main screens have no serious or critical axe violations at 360 px', async ({ page }) => {
	test.setTimeout(120_000); // axe on a dozen screens of a 2-core machine shared with other runs
	await page.goto('/');
	await expect(page.getByLabel('Email')).toBeVisible();
	expect(await seriousViolations(page), 'sign in').toEqual([]);

	const app = new App(page);
	await app.signIn('tech@acme.test');
	expect(await seriousViolations(page), 'licenses').toEqual([]);

	await app.openGetAKey();
	expect(await seriousViolations(page), 'get a key').toEqual([]);

	await page.getByRole('link', { name: /Needs attention/ }).first().click();
	expect(await seriousViolations(page), 'needs attention').toEqual([]);
	await expectFitsThePhone(page, 'needs attention');

	// The field operations' screens, and a license with every section (hosts, custom data, sharing, upgrade).
	for (const [path, heading] of [
		['/upgrade', 'Version upgrade'],
		['/vouchers', 'Voucher center'],
		['/agreements', /Enterprise Flexible/],
		['/account', 'Account'],
		['/account/delegations', 'Partner delegation'],
		['/workspaces', 'All workspaces'],
		['/downloads', 'Downloads']
	] as const) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		expect(await seriousViolations(page), path).toEqual([]);
		await expectFitsThePhone(page, path);
	}
	await page.goto('/');
	// The demo's license with hosts (a link into the license list: the home's reminders name Keyfield Vault too).
	await page.locator('a[href^="/licenses/"]', { hasText: /Keyfield Vault/ }).first().click();
	await expect(page.getByRole('heading', { name: 'Hosts' })).toBeVisible();
	expect(await seriousViolations(page), 'license').toEqual([]);
	await expectFitsThePhone(page, 'license');
});

/** Nothing may overflow the phone's width. */
async function expectFitsThePhone(page: Page, where: string) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow, where).toBeLessThanOrEqual(0);
}

test('installable: a manifest with 192 and 512 icons that load', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = await (await request.get(new URL(href!, page.url()).toString())).json();
	expect(manifest.display).toBe('standalone');
	const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
	for (const icon of manifest.icons) {
		const res = await request.get(new URL(icon.src, page.url()).toString());
		expect(res.headers()['content-type']).toContain('image/png');
	}
});
