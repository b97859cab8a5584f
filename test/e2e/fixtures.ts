// Page model and API helpers shared by the end-to-end specs. Locators go by role and label, as a person reads.
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '@keyfield/shared';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'keyfield-demo';

export const registration = {
	company: 'Acme Field Services',
	contactName: 'Ana Técnica',
	email: 'ana@acme.test',
	phone: '+34 600 000 000',
	country: 'ES'
};

export async function signInApi(request: APIRequestContext, email: string) {
	const res = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
	expect(res.status(), await res.text()).toBe(200);
	return (await res.json()) as { accounts: { id: string; name: string }[] };
}

/** An unregistered demo serial of the named customer's certificates, looked up through the vendor API. */
export async function freeSerial(request: APIRequestContext, customerAdminEmail: string): Promise<string> {
	const { accounts } = await signInApi(request, customerAdminEmail);
	const accountId = accounts[0]!.id;
	await signInApi(request, 'vendor@keyfield.test');
	const res = await request.get(`/api/admin/certificates?accountId=${accountId}`);
	expect(res.status()).toBe(200);
	const { certificates } = (await res.json()) as { certificates: { sku: string; serials: { serial: string; licenseId: string | null }[] }[] };
	const free = certificates.flatMap((c) => c.serials).find((s) => s.licenseId === null);
	if (!free) throw new Error(`no free demo serial left for ${customerAdminEmail}`);
	await request.post('/api/auth/logout');
	return free.serial;
}

/**
 * `count` new serials for the customer's account, on a KF-EDGE certificate of `seats` seats the vendor issues now
 * (vendor API): unlike a demo serial, what it holds does not depend on the specs that ran before.
 */
export async function newSerials(request: APIRequestContext, customerAdminEmail: string, count: number, seats = 1): Promise<string[]> {
	const { accounts } = await signInApi(request, customerAdminEmail);
	await signInApi(request, 'vendor@keyfield.test');
	const body = { accountId: accounts[0]!.id, sku: 'KF-EDGE', quantity: seats, maintenanceEnd: '2030-12-31', serialCount: count };
	const res = await request.post('/api/admin/certificates', { data: body });
	expect(res.status(), await res.text()).toBe(201);
	await request.post('/api/auth/logout');
	return ((await res.json()) as { serials: string[] }).serials;
}

/** The license id registered for a serial, or null while it is unregistered (vendor API). */
export async function registeredLicense(request: APIRequestContext, customerAdminEmail: string, serial: string): Promise<string | null> {
	const { accounts } = await signInApi(request, customerAdminEmail);
	await signInApi(request, 'vendor@keyfield.test');
	const res = await request.get(`/api/admin/certificates?accountId=${accounts[0]!.id}`);
	const { certificates } = (await res.json()) as { certificates: { serials: { serial: string; licenseId: string | null }[] }[] };
	await request.post('/api/auth/logout');
	return certificates.flatMap((c) => c.serials).find((s) => s.serial === serial)?.licenseId ?? null;
}

/** Pushes operations as the user from a client of their own (another device), returning the results. */
export async function pushAs(request: APIRequestContext, email: string, mutations: { name: string; args: unknown }[]) {
	await signInApi(request, email);
	const res = await request.post('/api/sync/push', {
		data: {
			protocolVersion: PROTOCOL_VERSION,
			schemaVersion: SCHEMA_VERSION,
			clientId: crypto.randomUUID(),
			mutations: mutations.map((m, i) => ({ id: i + 1, createdAt: new Date().toISOString(), ...m }))
		}
	});
	expect(res.status()).toBe(200);
	await request.post('/api/auth/logout');
	return ((await res.json()) as { results: { status: string; code?: string }[] }).results;
}

/** A license of Acme registered from another device by `email` (an Acme user). */
export async function registeredAcmeLicense(request: APIRequestContext, email = 'admin@acme.test'): Promise<{ licenseId: string; serial: string }> {
	const serial = await freeSerial(request, 'admin@acme.test');
	const accountId = (await signInApi(request, 'admin@acme.test')).accounts[0]!.id;
	const licenseId = crypto.randomUUID();
	const [result] = await pushAs(request, email, [{ name: 'license.requestKey', args: { licenseId, accountId, serial, registration } }]);
	expect(result!.status).toBe('applied');
	return { licenseId, serial };
}

/** One character changed in the given group (1-based), keeping it a valid-looking character. */
export function typo(serial: string, group: number): string {
	const at = 2 + (group - 1) * 6 + 1;
	const replacement = serial[at] === '7' ? '8' : '7';
	return serial.slice(0, at) + replacement + serial.slice(at + 1);
}

export class App {
	constructor(readonly page: Page) {}

	get status(): Locator {
		return this.page.getByTestId('sync-status');
	}

	async signIn(email: string) {
		await this.page.goto('/');
		await this.page.getByLabel('Email').fill(email);
		await this.page.getByLabel('Password').fill(DEMO_PASSWORD);
		await this.page.getByRole('button', { name: 'Sign in' }).click();
		await expect(this.status).toContainText('Online');
		await expect(this.status).toContainText('0 pending');
		// Admins land on the expiry dashboard (their home screen, renewals.spec checks it); specs start from the licenses.
		if (new URL(this.page.url()).pathname === '/expiry') {
			await this.openLicenses();
			await expect(this.page.getByRole('heading', { name: 'Licenses', level: 1 })).toBeVisible();
		}
	}

	/** Waits until the service worker has precached the app and controls this page: from here on it works offline. */
	async waitForOfflineReady() {
		await this.page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller)
				await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
		});
	}

	async openGetAKey() {
		await this.page.getByRole('link', { name: 'Get a key' }).first().click();
		await expect(this.page.getByLabel('Serial number')).toBeVisible();
	}

	async getKey(serial: string, reg = registration) {
		await this.openGetAKey();
		await this.fillGetAKey(serial, reg);
	}

	/** On the open wizard: types the serial and the registration, and presses Confirm. */
	async fillGetAKey(serial: string, reg = registration) {
		await this.page.getByLabel('Serial number').fill(serial);
		await this.page.getByRole('button', { name: 'Continue' }).click();
		await this.page.getByLabel('Company').fill(reg.company);
		await this.page.getByLabel('Contact name').fill(reg.contactName);
		await this.page.getByLabel('Email').fill(reg.email);
		await this.page.getByLabel('Phone').fill(reg.phone);
		await this.page.getByLabel('Country').selectOption(reg.country);
		await this.page.getByRole('button', { name: 'Continue' }).click();
		await expect(this.page.getByText(serial)).toBeVisible();
		await this.page.getByRole('button', { name: 'Confirm' }).click();
	}

	async openLicenses() {
		// exact: a page's own links may mention licenses ("… this workspace's licenses …")
		await this.page.getByRole('link', { name: 'Licenses', exact: true }).first().click();
	}

	licenseItem(serial: string): Locator {
		return this.page.getByRole('listitem').filter({ hasText: serial });
	}
}

/** The Voucher center page (partners redeem codes, typed or scanned). */
export class VoucherCenter {
	constructor(readonly page: Page) {}

	async open() {
		await this.page.getByRole('link', { name: 'Voucher center' }).first().click();
		await expect(this.page.getByRole('heading', { name: 'Voucher center' })).toBeVisible();
	}

	/** Chooses the workspace and, when it has no registration on this device yet, registers it once. */
	async redeemInto(label: string) {
		await this.page.getByLabel('Redeem into').selectOption({ label });
		// Whichever the screen settles on once it has read this device's stored registration: the form or the code.
		await expect(this.page.getByRole('region', { name: 'Registered to' })).toHaveAttribute('aria-busy', 'false');
		await expect(this.page.getByLabel('Voucher code').or(this.page.getByLabel('Company'))).toBeVisible();
		if (await this.page.getByLabel('Company').isVisible()) {
			await this.page.getByLabel('Company').fill(registration.company);
			await this.page.getByLabel('Contact name').fill(registration.contactName);
			await this.page.getByLabel('Email').fill(registration.email);
			await this.page.getByLabel('Country').selectOption(registration.country);
			await this.page.getByRole('button', { name: 'Continue' }).click();
		}
		await expect(this.page.getByLabel('Voucher code')).toBeVisible();
	}

	async redeem(code: string) {
		await this.page.getByLabel('Voucher code').fill(code);
		await this.page.getByRole('button', { name: 'Redeem' }).click();
	}

	get session() {
		return this.page.getByRole('list', { name: 'Redeemed in this session' });
	}

	item(code: string) {
		return this.session.getByRole('listitem').filter({ hasText: code });
	}
}

/**
 * A screenshot kept to look at after a local run (test-results/). Skipped in CI: a full-page capture costs 1–5 s on
 * a 2-core machine, and a test that fails there gets its own screenshot and trace anyway.
 */
export async function keepScreenshot(target: Page | Locator, path: string, { fullPage = true } = {}) {
	if (process.env.CI) return;
	if ('goto' in target) await target.screenshot({ path, fullPage });
	else await target.screenshot({ path });
}
