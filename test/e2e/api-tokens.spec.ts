// API tokens for an account's own systems: an admin creates one, sees it once (copied with one press), the token
// reads the workspace's licenses through /api/v1, and once revoked it is refused.
import { expect, test } from '@playwright/test';
import { App, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

test('an admin creates an API token, sees it once, uses it, and revokes it', async ({ page, context, request }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const app = new App(page);
	await app.signIn('admin@acme.test');
	await page.goto('/account');
	await page.getByRole('link', { name: "API tokens: let your own systems read this workspace's licenses" }).click();
	await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();

	const name = `ERP ${Date.now()}`;
	await page.getByLabel('Name').fill(name);
	await page.getByRole('button', { name: 'Create token' }).click();
	const shown = page.getByTestId('new-token');
	await expect(shown).toHaveText(/^kf_live_[A-Za-z0-9_-]{43}$/);
	const token = (await shown.textContent())!;
	await page.getByRole('button', { name: 'Copy', exact: true }).click();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

	const licenses = await request.get('/api/v1/licenses', { headers: { authorization: `Bearer ${token}` } });
	expect(licenses.status()).toBe(200);
	expect(((await licenses.json()) as { licenses: unknown[] }).licenses.length).toBeGreaterThan(0);

	expect(await seriousViolations(page)).toEqual([]);
	await keepScreenshot(page, test.info().outputPath('api-token-created-360.png'));

	// Shown once: gone after "copied", and not there after a reload either; the list names it by its prefix only.
	await page.getByRole('button', { name: 'I have copied it' }).click();
	await expect(page.getByText(token)).toHaveCount(0);
	await page.reload();
	const item = page.getByRole('listitem').filter({ hasText: name });
	await expect(item).toContainText(token.slice(0, 12));
	await expect(item).toContainText(/Last used/);
	await expect(page.getByText(token)).toHaveCount(0);

	await item.getByRole('button', { name: `Revoke the token ${name}` }).click();
	await item.getByRole('button', { name: 'Yes, revoke it' }).click();
	await expect(page.getByRole('status').filter({ hasText: `The token ${name} was revoked` })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: name })).toHaveCount(0);
	expect((await request.get('/api/v1/licenses', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
	expect(await seriousViolations(page)).toEqual([]);
	await keepScreenshot(page, test.info().outputPath('api-tokens-360.png'));
});

test('a technician is told only admins manage API tokens', async ({ page }) => {
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await page.goto('/account/tokens');
	await expect(page.getByText('Only an admin of this workspace can manage its API tokens.')).toBeVisible();
});
