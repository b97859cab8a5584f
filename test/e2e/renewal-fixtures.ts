// Contracts for the renewal specs, made through the vendor API, and dates as the English UI writes them.
import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './fixtures.ts';

export const day = (offset: number, from = new Date()) => new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
export const longDate = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** A customer workspace and its admin. Specs that leave contracts behind use Globex, so Acme keeps the demo's counts. */
export type Workspace = { admin: string; name: string };
export const ACME: Workspace = { admin: 'admin@acme.test', name: 'Acme Field Services' };
export const GLOBEX: Workspace = { admin: 'admin@globex.test', name: 'Globex Industrial' };

/** Signs the request context in as the vendor; returns the workspace's account id. */
export async function asVendor(request: APIRequestContext, workspace: Workspace = ACME): Promise<string> {
	const login = await request.post('/api/auth/login', { data: { email: workspace.admin, password: DEMO_PASSWORD } });
	const { accounts } = (await login.json()) as { accounts: { id: string; name: string }[] };
	await request.post('/api/auth/login', { data: { email: 'vendor@keyfield.test', password: DEMO_PASSWORD } });
	return accounts.find((a) => a.name === workspace.name)!.id;
}

/** A new online contract of the workspace over a fresh one-serial Edge Gateway certificate, ending in `daysLeft` days. */
export async function newContract(request: APIRequestContext, daysLeft: number, workspace: Workspace = ACME) {
	const accountId = await asVendor(request, workspace);
	const endsOn = day(daysLeft);
	const cert = await request.post('/api/admin/certificates', { data: { accountId, sku: 'KF-EDGE', quantity: 2, maintenanceEnd: endsOn, serialCount: 1 } });
	const { id: certificateId, serials } = (await cert.json()) as { id: string; serials: string[] };
	const res = await request.post('/api/admin/contracts', {
		data: { accountId, certificateId, startsOn: day(-355), endsOn, channel: 'online', purchasedOn: day(-360), proofRefs: ['ORD-E2E'] }
	});
	expect(res.status(), await res.text()).toBe(201);
	await request.post('/api/auth/logout');
	return { id: ((await res.json()) as { id: string }).id, serial: serials[0]!, endsOn, accountId };
}
