// The account policy "require 2-step verification": an admin with 2-step verification requires it of every member;
// a member without it who signs in is sent to enrolment and kept there (the server answers nothing else) until they
// set it up, then uses the app as before.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { base32Decode, hotp, timeStep } from '../../sync-server/src/auth/totp.ts';
import { App, DEMO_PASSWORD, keepScreenshot } from './fixtures.ts';
import { seriousViolations } from './axe.ts';

const code = (secret: string) => hotp(base32Decode(secret), timeStep(new Date()) - 1);

/** A new customer account with an admin and a member (vendor API), so the demo users are untouched. */
async function newAccount(request: APIRequestContext) {
	await request.post('/api/auth/login', { data: { email: 'vendor@keyfield.test', password: DEMO_PASSWORD } });
	const tag = Date.now();
	const account = await request.post('/api/admin/accounts', { data: { name: `Policy Co ${tag}`, kind: 'customer' } });
	const { id } = (await account.json()) as { id: string };
	const emails = { admin: `admin-${tag}@policy.test`, member: `member-${tag}@policy.test` };
	for (const role of ['admin', 'member'] as const) {
		const res = await request.post('/api/admin/users', { data: { email: emails[role], password: DEMO_PASSWORD, accountId: id, role } });
		expect(res.status(), await res.text()).toBe(201);
	}
	await request.post('/api/auth/logout');
	return emails;
}

async function enrol(page: Page) {
	const twoStep = page.getByRole('region', { name: '2-step verification' });
	await twoStep.getByRole('button', { name: 'Set up 2-step verification' }).click();
	const secret = (await twoStep.getByTestId('totp-secret').textContent())!.trim();
	await twoStep.getByLabel('Code the app shows').fill(code(secret));
	await twoStep.getByRole('button', { name: 'Turn on' }).click();
	await expect(twoStep.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
	await twoStep.getByRole('button', { name: 'I saved them' }).click();
}

test('an admin requires 2-step verification; a member without it is held to enrolment until they set it up', async ({ browser, page, request }) => {
	test.setTimeout(120_000);
	const emails = await newAccount(request);

	const admin = new App(page);
	await admin.signIn(emails.admin);
	await page.goto('/account/security');
	const policy = page.getByRole('region', { name: 'Require 2-step verification' });
	await expect(policy).toContainText('Set up your own 2-step verification first');
	await enrol(page);
	await policy.getByRole('button', { name: 'Require it' }).click();
	await expect(policy).toContainText('Required for all members');
	await expect(admin.status).toContainText('0 pending', { timeout: 20_000 });
	await expect(policy.getByText('Waiting to sync')).toHaveCount(0);
	expect(await seriousViolations(page)).toEqual([]);

	const member = await (await browser.newContext()).newPage();
	await member.goto('/');
	await member.getByLabel('Email').fill(emails.member);
	await member.getByLabel('Password').fill(DEMO_PASSWORD);
	await member.getByRole('button', { name: 'Sign in' }).click();
	await expect(member).toHaveURL(/\/account\/security$/);
	await expect(member.getByRole('status').filter({ hasText: 'Your account requires 2-step verification' })).toBeVisible();
	await member.getByRole('link', { name: 'Licenses', exact: true }).first().click();
	await expect(member).toHaveURL(/\/account\/security$/); // held: back to enrolment
	expect(await seriousViolations(member)).toEqual([]);
	await keepScreenshot(member, test.info().outputPath('two-step-policy-held-360.png'));

	await enrol(member);
	await expect(member.getByText('Your account requires 2-step verification')).toHaveCount(0);
	await member.getByRole('link', { name: 'Licenses', exact: true }).first().click();
	await expect(member).toHaveURL(/\/$/);
	// Synced now: the workspace list (read from what the pull brought) shows the account and the member's role.
	await member.goto('/workspaces');
	await expect(member.getByRole('listitem').filter({ hasText: 'Policy Co' })).toContainText('Your role: member', { timeout: 20_000 });
});
