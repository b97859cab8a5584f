// Users and approved domains as people see them: Acme's admin invites a new colleague (acme.test is approved in
// the demo), the invitation mail shows in the development mail viewer, the colleague opens its link on another
// device with no account, is refused a common password, sets a good one and lands signed in in Acme with its licenses.
import { expect, test } from '@playwright/test';
import { App, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

test('invite → mail in the viewer → open the link elsewhere → common password refused → signed in in Acme', async ({ browser }) => {
	test.setTimeout(180_000); // two devices' first syncs of Acme on a shared 2-core machine
	const email = `new-${Date.now()}@acme.test`;
	const admin = new App(await (await browser.newContext()).newPage());
	await admin.signIn('admin@acme.test');
	await admin.page.goto('/account');
	await admin.page.getByRole('link', { name: 'Members: people, invitations and email domains' }).click();
	await expect(admin.page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
	await expect(admin.page.getByRole('list', { name: 'Email domains' })).toContainText('acme.test');
	await expect(admin.page.getByRole('list', { name: 'People' })).toContainText('tech@acme.test');

	// Approving another domain: the server records it and the screen shows the TXT record to create.
	const domains = admin.page.getByRole('region', { name: 'Email domains' });
	await domains.getByLabel('Domain to approve').fill('Field.Acme.example');
	await domains.getByRole('button', { name: 'Add domain' }).click();
	const requested = domains.getByRole('listitem').filter({ hasText: 'field.acme.example' });
	await expect(requested).toContainText('Waiting for the DNS record', { timeout: 20_000 });
	await expect(requested).toContainText('_keyfield-challenge.field.acme.example');
	await expect(requested).toContainText(/keyfield-verification=[0-9a-f]{32}/);

	// A domain the workspace has not approved is caught on the device, naming the domain.
	const invite = admin.page.getByRole('region', { name: 'Invite someone' });
	await invite.getByLabel('Email').fill('someone@gmail.example');
	await invite.getByRole('button', { name: 'Send invitation' }).click();
	await expect(invite.getByRole('alert')).toContainText('gmail.example is not an approved email domain of this workspace');

	await invite.getByLabel('Email').fill(email);
	await invite.getByLabel('Role').selectOption({ label: 'Technician' });
	await invite.getByRole('button', { name: 'Send invitation' }).click();
	await expect(invite.getByRole('status')).toContainText(`Invitation for ${email} queued`);
	await expect(admin.status).toContainText('0 pending', { timeout: 20_000 });
	const pending = admin.page.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem').filter({ hasText: email });
	await expect(pending).toContainText('Link expires', { timeout: 20_000 });
	expect(await seriousViolations(admin.page)).toEqual([]);
	await keepScreenshot(admin.page, test.info().outputPath('members-360.png'));

	await admin.page.getByRole('link', { name: /mail viewer/ }).click();
	const mail = admin.page.getByRole('article', { name: 'You are invited to Acme Field Services on Keyfield' }).filter({ hasText: email });
	await expect(mail).toBeVisible();
	expect(await seriousViolations(admin.page)).toEqual([]);
	const link = await mail.getByRole('link', { name: /\/invite\// }).getAttribute('href');
	expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}$/);

	// The colleague, on a device that never signed in.
	const colleague = new App(await (await browser.newContext()).newPage());
	await colleague.page.goto(link!);
	await expect(colleague.page.getByRole('heading', { name: 'Your invitation' })).toBeVisible();
	await expect(colleague.page.getByText('You are invited to Acme Field Services as Technician.')).toBeVisible();
	await colleague.page.getByLabel('Your name').fill('Nuria Campos');
	await colleague.page.getByLabel('Choose a password').fill('short');
	await colleague.page.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(colleague.page.getByRole('alert')).toContainText('This password is too short');
	await colleague.page.getByLabel('Choose a password').fill('qwerty123456');
	await colleague.page.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(colleague.page.getByRole('alert')).toContainText('This password is on a list of common or breached passwords');
	expect(await seriousViolations(colleague.page)).toEqual([]);
	await keepScreenshot(colleague.page, test.info().outputPath('invite-360.png'));

	await colleague.page.getByLabel('Choose a password').fill('granite orbit kettle sunrise');
	await colleague.page.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(colleague.status).toContainText('Online', { timeout: 20_000 });
	await expect(colleague.status).toContainText('0 pending');
	await colleague.openLicenses();
	await expect(colleague.page.getByRole('listitem').filter({ hasText: 'Keyfield Vault' }).first()).toBeVisible({ timeout: 20_000 });
	expect(await seriousViolations(colleague.page)).toEqual([]);
	await keepScreenshot(colleague.page, test.info().outputPath('invited-licenses-360.png'));

	// The link worked once; the admin's screen sees the colleague as a technician.
	await colleague.page.goto(link!);
	await expect(colleague.page.getByRole('alert')).toContainText('This invitation was accepted already');
	await admin.page.goto('/account/members');
	await admin.page.getByRole('button', { name: 'Sync now' }).click();
	await expect(admin.page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: email }).getByRole('combobox')).toHaveValue('technician', { timeout: 20_000 });
	await expect(pending).toHaveCount(0);
});
