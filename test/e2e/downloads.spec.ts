import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Download } from '@playwright/test';
import { App, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

const sha256Of = async (download: Download) => createHash('sha256').update(await readFile((await download.path())!)).digest('hex');

// The demo gives Acme a KF-VAULT license with maintenance running and a KF-SCAN license whose maintenance ended
// 200 days ago (KF-SCAN 8.0.0 came out 60 days ago, 7.5.0 years before).
test('Downloads: download verified, pin online, then offline after a reload the pinned installer is saved and its checksum matches', async ({ browser }) => {
	const context = await browser.newContext();
	const app = new App(await context.newPage());
	const page = app.page;
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();
	await page.getByRole('link', { name: 'Downloads' }).click();
	await expect(page.getByRole('heading', { name: 'Downloads', level: 1 })).toBeVisible();

	const vault31 = page.locator('[data-release="KF-VAULT 3.1.0"]');
	const vault302 = page.locator('[data-release="KF-VAULT 3.0.2"]');
	await expect(vault31).toContainText('vault-3.1.0-win-x64.msi');

	// A plain download: fetched, verified on the device, then handed to the browser's downloads.
	const saved = page.waitForEvent('download');
	await vault302.getByRole('button', { name: 'Download vault-3.0.2-win-x64.msi' }).click();
	const first = await saved;
	expect(first.suggestedFilename()).toBe('vault-3.0.2-win-x64.msi');
	await expect(vault302.getByText('Downloaded · SHA-256 verified on this device')).toBeVisible();
	expect(await sha256Of(first)).toBe((await vault302.locator('.sha .mono').textContent())!.trim());

	// Pin for offline: streamed into the device's storage with progress, then verified.
	const expectedSha = (await vault31.locator('.sha .mono').textContent())!.trim();
	await vault31.getByRole('button', { name: 'Pin for offline vault-3.1.0-win-x64.msi' }).click();
	await expect(vault31.getByText('Pinned on this device · SHA-256 verified')).toBeVisible();
	const pinned = page.locator('[data-pin="vault-3.1.0-win-x64.msi"]');
	await expect(pinned).toContainText('Ready offline');
	await expect(page.getByTestId('storage')).toContainText(/Storage used: .+ · free: .+/);

	// A locked release says why and links to the license to renew.
	const scan8 = page.locator('[data-release="KF-SCAN 8.0.0"]');
	await expect(scan8).toContainText('Locked');
	await expect(scan8).toContainText(/Maintenance of your license ended on .+, before this release was published/);
	await expect(scan8.getByRole('link', { name: 'Open the license to renew maintenance' })).toHaveAttribute('href', /^\/licenses\//);
	await expect(scan8.getByRole('button')).toHaveCount(0);
	await expect(page.locator('[data-release="KF-SCAN 7.5.0"]').getByRole('button', { name: /Download scan-7\.5\.0/ })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await context.setOffline(true);
	await page.reload();
	await expect(app.status).toContainText('Offline');
	await expect(page.getByText('You are offline')).toBeVisible();
	await expect(pinned).toContainText('Ready offline');
	await expect(pinned.getByTestId('pin-sha')).toHaveText(expectedSha);
	const offlineSave = page.waitForEvent('download');
	await pinned.getByRole('button', { name: 'Save vault-3.1.0-win-x64.msi' }).click();
	const fromDevice = await offlineSave;
	expect(fromDevice.suggestedFilename()).toBe('vault-3.1.0-win-x64.msi');
	expect(await sha256Of(fromDevice)).toBe(expectedSha);
	await keepScreenshot(page, test.info().outputPath('downloads-offline-360.png'));

	// Unpin frees it.
	await pinned.getByRole('button', { name: 'Unpin vault-3.1.0-win-x64.msi' }).click();
	await expect(pinned).toHaveCount(0);
	await expect(page.getByText('Nothing pinned.')).toBeVisible();
	await context.close();
});

test('Downloads: a pin paused on a slow line survives a reload and resumes with a Range request; a whole release pins at once', async ({ browser }) => {
	const context = await browser.newContext();
	const app = new App(await context.newPage());
	const page = app.page;
	await app.signIn('admin@acme.test');
	await page.getByRole('link', { name: 'Downloads' }).click();
	const ranges: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/api/downloads/file')) ranges.push(r.headers().range ?? 'none');
	});

	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 16 * 1024, uploadThroughput: -1 });
	const release = page.locator('[data-release="KF-VAULT 3.0.2"]');
	await release.getByRole('button', { name: 'Pin for offline vault-3.0.2-win-x64.msi' }).click();
	await expect(release.getByRole('progressbar')).toHaveAttribute('value', /^[1-9]\d*$/);
	await release.getByRole('button', { name: 'Pause vault-3.0.2-win-x64.msi' }).click();
	await expect(release).toContainText('Paused');

	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
	await page.reload();
	const pinned = page.locator('[data-pin="vault-3.0.2-win-x64.msi"]');
	await expect(pinned).toContainText('Not complete yet');
	await pinned.getByRole('button', { name: 'Resume vault-3.0.2-win-x64.msi' }).click();
	await expect(pinned).toContainText('Ready offline');
	expect(ranges[0]).toBe('none');
	expect(ranges.at(-1)).toMatch(/^bytes=[1-9]\d*-$/);

	const edge = page.locator('[data-release="KF-EDGE 5.2.0"]');
	await edge.getByRole('button', { name: 'Pin the whole release KF-EDGE 5.2.0' }).click();
	for (const file of ['edge-5.2.0-win-x64.msi', 'edge-5.2.0-linux-x64.tar.gz']) await expect(page.locator(`[data-pin="${file}"]`)).toContainText('Ready offline');
	await expect(edge.getByRole('button', { name: /Pin the whole release/ })).toHaveCount(0);
	await context.close();
});
