// Hosts on a license, in a real browser: activated offline, confirmed online with a host-bound key that verifies,
// and an activation past the seat limit (the seats were taken meanwhile elsewhere) ending in "Needs attention".
import { verifyLicenseKey, type PublicKeyEntry } from '@keyfield/shared';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { App, pushAs, registeredAcmeLicense, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

/** The technician's device, ready to work offline, on the Hosts section of a license new to it. */
async function openNewLicenseAsTechnician(page: Page, request: APIRequestContext) {
	const { licenseId, serial } = await registeredAcmeLicense(request);
	const app = new App(page);
	await app.signIn('tech@acme.test');
	await app.waitForOfflineReady();
	await app.licenseItem(serial).getByRole('link').first().click();
	const hosts = page.getByRole('region', { name: 'Hosts' });
	await expect(hosts).toContainText('Seats in use: 0 of');
	return { licenseId, app, hosts };
}

test('activate a host offline: pending, then listed with who activated it and a host-bound key that verifies; move it; deactivate it', async ({ page, request }) => {
	const { licenseId, app, hosts } = await openNewLicenseAsTechnician(page, request);

	await page.context().setOffline(true);
	await expect(app.status).toContainText('Offline');
	await hosts.getByLabel('Host ID').fill('00:1a:2b:3c:4d');
	await expect(hosts).toContainText('A MAC address has 6 pairs of hex digits; this one has 5.');
	await hosts.getByLabel('Host ID').fill('00:1a:2b:3c:4d:5e');
	await expect(hosts).toContainText('Will be saved as 001A2B3C4D5E');
	await hosts.getByRole('button', { name: 'Activate', exact: true }).click();
	const host = hosts.getByRole('listitem').filter({ hasText: '001A2B3C4D5E' });
	await expect(host).toContainText('Activation pending — sent when you are back online');
	await expect(host).toContainText('You (on this device)');
	await expect(hosts).toContainText('Seats in use: 1 of');
	await expect(app.status).toContainText('1 pending');
	await keepScreenshot(page, 'test-results/hosts-offline-360.png');

	await page.context().setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(host).not.toContainText('pending');
	await expect(host).toContainText('tech@acme.test');
	await host.getByText('Key for this host').click();
	await expect(host.getByText('Signature valid')).toBeVisible();
	await keepScreenshot(page, 'test-results/hosts-online-360.png');

	const key = (await host.getByText(/^KF1\./).textContent())!.trim();
	const { keys } = (await (await request.get('/api/keys')).json()) as { keys: PublicKeyEntry[] };
	expect(await verifyLicenseKey(key, keys)).toMatchObject({ valid: true, payload: { lic: licenseId, host: '001A2B3C4D5E' } });
	expect(await seriousViolations(page), 'hosts').toEqual([]);

	// Move to new hardware: one step, the seat count never changes, the old host goes to the history.
	await host.getByRole('button', { name: 'Move to new hardware' }).click();
	await host.getByLabel('New host ID').fill('srv-replacement');
	expect(await seriousViolations(page), 'move form').toEqual([]);
	await host.getByRole('button', { name: 'Move', exact: true }).click();
	const moved = hosts.getByRole('listitem').filter({ hasText: 'SRV-REPLACEMENT' });
	await expect(moved).toContainText('tech@acme.test', { timeout: 20_000 });
	await expect(hosts).toContainText('Seats in use: 1 of');
	await hosts.getByText('1 earlier host').click();
	await expect(hosts).toContainText('moved to SRV-REPLACEMENT');

	// Deactivate, with a confirmation first.
	await moved.getByRole('button', { name: 'Deactivate' }).click();
	expect(await seriousViolations(page), 'deactivate confirmation').toEqual([]);
	await moved.getByRole('button', { name: 'Yes, deactivate' }).click();
	await expect(hosts).toContainText('2 earlier hosts', { timeout: 20_000 });
	await expect(hosts).toContainText('Seats in use: 0 of');
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('activating past the seat limit ends in Needs attention with its reason', async ({ page, request }) => {
	const { licenseId, app, hosts } = await openNewLicenseAsTechnician(page, request);

	// Offline here while another device takes every seat: this device still sees them free.
	await page.context().setOffline(true);
	await expect(app.status).toContainText('Offline');
	const results = await pushAs(
		request,
		'admin@acme.test',
		Array.from({ length: 30 }, (_, i) => ({ name: 'host.activate', args: { activationId: crypto.randomUUID(), licenseId, hostId: `other-${i}` } }))
	);
	expect(results.at(-1)).toMatchObject({ status: 'rejected', code: 'seats_exhausted' });

	await hosts.getByLabel('Host ID').fill('late-box');
	await hosts.getByRole('button', { name: 'Activate', exact: true }).click();
	await expect(app.status).toContainText('1 pending');

	await page.context().setOffline(false);
	await expect(app.status).toContainText('0 pending', { timeout: 20_000 });
	await page.getByRole('link', { name: /Needs attention/ }).first().click();
	const attention = page.getByRole('region', { name: 'Needs attention' });
	await expect(attention).toContainText('Activate a host: LATE-BOX');
	await expect(attention).toContainText('All seats of the license were in use.');
	await expect(attention).toContainText('deactivate a host or move one to new hardware');
	await keepScreenshot(page, 'test-results/hosts-attention-360.png');
	await attention.getByRole('link', { name: 'Open the license' }).click();
	await expect(page.getByRole('region', { name: 'Hosts' })).not.toContainText('LATE-BOX');
	await expect(page.getByRole('button', { name: 'Activate', exact: true })).toBeDisabled();
});
