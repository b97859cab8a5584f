// The vendor console's Catalog on a phone (360 px), by its labels: a product and its renewal cutoff, a seat package
// and its price, a release and a file uploaded with progress; then the release is in a customer's Downloads.
import { expect, test, type Page } from '@playwright/test';
import { App, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

// Two sign-ins (argon2id is slow on purpose) and an upload on a busy 2-core machine.
test.describe.configure({ timeout: 180_000 });

async function screenshot(page: Page, name: string) {
	await keepScreenshot(page, test.info().outputPath(`${name}-360.png`));
}

test('the vendor adds a product, its renewal cutoff, a package and a release with a file; a customer sees the release', async ({ browser }) => {
	const run = Date.now().toString(36).toUpperCase();
	const sku = `E2E-CAT-${run}`;
	const vendor = new App(await (await browser.newContext()).newPage());
	const page = vendor.page;
	await vendor.signIn('vendor@keyfield.test');
	await page.goto('/vendor/catalog');
	await expect(page.getByRole('link', { name: 'Catalog', exact: true })).toHaveAttribute('aria-current', 'page');

	// Products: add one, then set its renewal cutoff.
	await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
	const newProduct = page.getByRole('region', { name: 'Add a product' });
	await newProduct.getByLabel('SKU', { exact: true }).fill(sku);
	await newProduct.getByLabel('Name', { exact: true }).fill('Catalog Test Suite');
	await newProduct.getByLabel('Current version').fill('4.0');
	await newProduct.getByRole('button', { name: 'Add product' }).click();
	await expect(page.getByText(`${sku} is in the catalog.`)).toBeVisible();
	const product = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `${sku} — Catalog Test Suite` }) });
	await expect(product).toContainText('Renewal cutoff: none');
	await product.getByLabel(`Renewal cutoff version for ${sku}`).fill('3.0');
	await product.getByRole('button', { name: 'Save' }).click();
	await expect(product.getByRole('status')).toHaveText(`Renewal cutoff of ${sku}: 3.0.`);
	await expect(product).toContainText('Renewal cutoff: 3.0');
	// A refusal names the problem: the SKU exists already.
	await newProduct.getByLabel('SKU', { exact: true }).fill(sku);
	await newProduct.getByLabel('Name', { exact: true }).fill('Again');
	await newProduct.getByLabel('Current version').fill('1');
	await newProduct.getByRole('button', { name: 'Add product' }).click();
	await expect(newProduct.getByRole('alert')).toContainText(`The server refused this:`);
	await expect(newProduct.getByRole('alert')).toContainText(sku);
	expect(await seriousViolations(page)).toEqual([]);
	await screenshot(page, 'catalog-products');

	// Packages: add one for the new product, then change its price.
	await page.getByRole('link', { name: 'Seat packages', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Seat packages', level: 1 })).toBeVisible();
	const newPackage = page.getByRole('region', { name: 'Add a package' });
	await newPackage.getByLabel('Product', { exact: true }).selectOption(sku);
	await newPackage.getByLabel('Package name').fill(`Team ${run}`);
	await newPackage.getByLabel('Seats per package').fill('10');
	await newPackage.getByLabel('Price', { exact: true }).fill('499.00');
	await newPackage.getByLabel('Currency', { exact: true }).fill('EUR');
	await newPackage.getByRole('button', { name: 'Add package' }).click();
	await expect(page.getByText(`Package Team ${run} added.`)).toBeVisible();
	const pkg = page.getByRole('group', { name: `Team ${run}` });
	await expect(pkg).toContainText(`10 seats of ${sku} · €499.00`);
	await pkg.getByLabel('Price', { exact: true }).fill('12.345');
	await pkg.getByRole('button', { name: 'Save' }).click();
	await expect(pkg.getByRole('alert')).toContainText('The price is not a number the currency allows');
	await pkg.getByLabel('Price', { exact: true }).fill('549.50');
	await pkg.getByRole('button', { name: 'Save' }).click();
	await expect(pkg.getByRole('status')).toHaveText(`Team ${run} saved: €549.50.`);
	await expect(pkg).toContainText(`10 seats of ${sku} · €549.50`);
	expect(await seriousViolations(page)).toEqual([]);
	await screenshot(page, 'catalog-packages');

	// Releases: one of KF-VAULT (Acme's maintenance covers it, so a customer can see it), then its file.
	await page.getByRole('link', { name: 'Releases', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Releases', level: 1 })).toBeVisible();
	const version = `3.9.${Date.now() % 100_000}`;
	const newRelease = page.getByRole('region', { name: 'Add a release' });
	await newRelease.getByLabel('Product', { exact: true }).selectOption('KF-VAULT');
	await newRelease.getByLabel('Version', { exact: true }).fill(version);
	await newRelease.getByLabel('Platform', { exact: true }).fill('win-x64');
	await newRelease.getByLabel('Release notes').fill('Catalog end-to-end release.');
	await newRelease.getByRole('button', { name: 'Add release' }).click();
	const title = `KF-VAULT ${version} · win-x64`;
	await expect(page.getByText(`Release KF-VAULT ${version} (win-x64) added.`)).toBeVisible();
	const release = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
	await expect(release).toContainText('No files yet.');

	const fileName = `vault-${version}-win-x64.msi`;
	const bytes = Buffer.alloc(3_000_000, 7); // big enough for upload progress events
	await release.getByRole('button', { name: 'Upload' }).click();
	await expect(release.getByRole('alert')).toHaveText('Choose a file to upload first.');
	await release.getByLabel(`File for ${title}`, { exact: true }).setInputFiles({ name: fileName, mimeType: 'application/octet-stream', buffer: bytes });
	await release.getByRole('button', { name: 'Upload' }).click();
	const bar = release.getByRole('progressbar', { name: `Upload of a file for ${title}` });
	await expect(bar).toBeVisible();
	await expect(release.getByText(new RegExp(`${fileName.replace(/\./g, '\\.')} uploaded \\(3 MB`))).toBeVisible();
	await expect(bar).toHaveJSProperty('value', 100);
	await expect(release.getByRole('list', { name: `Files of ${title}` })).toContainText(fileName);
	expect(await seriousViolations(page)).toEqual([]);
	await screenshot(page, 'catalog-releases');

	// The same name again is refused, and the failure says so (and hides the bar).
	await release.getByLabel(`File for ${title}`, { exact: true }).setInputFiles({ name: fileName, mimeType: 'application/octet-stream', buffer: Buffer.from('again') });
	await release.getByRole('button', { name: 'Upload' }).click();
	await expect(release.getByRole('alert')).toContainText(`${fileName} was not uploaded. The server refused this: The release already has a file named ${fileName}.`);
	await expect(bar).toBeHidden();

	// Where customers see it: Acme's technician finds the new file in Downloads.
	const tech = new App(await (await browser.newContext()).newPage());
	await tech.signIn('tech@acme.test');
	await tech.page.getByRole('link', { name: 'Downloads' }).click();
	await expect(tech.page.locator(`[data-release="KF-VAULT ${version}"]`)).toContainText(fileName);
});
