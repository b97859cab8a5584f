// The account policy "require 2-step verification for all members" (account.setPolicy), on a real database: a
// member without it is held to enrolment by the server (sign-in works and says so; sync and everything else answer
// 403 two_step_enrolment_required; enrolment itself stays open) until they enrol; it cannot be switched off while
// the policy holds; other accounts' people are untouched; only the account's admins set it.
import { PROTOCOL_VERSION, SCHEMA_VERSION, type Change } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createUser } from '../admin/admin.service.ts';
import { DEMO_PASSWORD } from '../seed/demo-seed.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { base32Decode, hotp, timeStep } from './totp.ts';

let server: TestServer;
let accountId: string;
let admin: string;
let member: string;
const actor = { userId: null, ip: null };
const codeAt = (secret: string, offsetSteps = 0) => hotp(base32Decode(secret), timeStep(new Date()) + offsetSteps);
const setPolicy = (token: string, requireTwoStep: boolean) =>
	server.push(token, crypto.randomUUID(), [{ id: 1, name: 'account.setPolicy', createdAt: new Date().toISOString(), args: { accountId, requireTwoStep } }]);
const pullStatus = async (token: string) =>
	(await server.call('/api/sync/pull', { token, body: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId: crypto.randomUUID(), cursor: null } })).status;

async function enrol(token: string): Promise<string> {
	const { secret } = (await (await server.call('/api/security/totp/enrol', { token, method: 'POST' })).json()) as { secret: string };
	expect((await server.call('/api/security/totp/confirm', { token, body: { code: codeAt(secret) } })).status).toBe(200);
	return secret;
}

beforeAll(async () => {
	server = await startTestServer();
	accountId = (await createAccount(server.db, actor, { name: 'Policy Co', kind: 'customer' })).id;
	for (const [name, role] of [['admin', 'admin'], ['member', 'member']] as const) {
		await createUser(server.db, actor, { email: `${name}@policy.test`, password: DEMO_PASSWORD, accountId, role });
	}
	admin = await server.login('admin@policy.test');
	member = await server.login('member@policy.test');
});
afterAll(() => server?.close());

describe('require 2-step verification', () => {
	it('only an admin of the account sets it', async () => {
		expect((await setPolicy(member, true)).body.results[0]).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		expect((await setPolicy(await server.login('partner@northwind.test'), true)).body.results[0]).toMatchObject({ status: 'rejected', code: 'account_not_in_scope' });
		expect(await pullStatus(member)).toBe(200);
	});

	it('holds members without it to enrolment until they enrol, and keeps it on while the policy holds', async () => {
		const clientId = crypto.randomUUID();
		// The admin must have it first: their own switch would lock them out otherwise.
		expect((await setPolicy(admin, true)).body.results[0]).toMatchObject({ status: 'rejected', code: 'two_step_enrolment_required' });
		await enrol(admin);
		expect((await setPolicy(admin, true)).body.results[0]).toMatchObject({ status: 'applied' });
		// The policy syncs on the account row (to devices of members that have enrolled, or after they do).
		const tech = await server.login('tech@acme.test');
		expect(await pullStatus(tech)).toBe(200); // another account's people are untouched

		expect(await pullStatus(admin)).toBe(200);
		for (const token of [member]) {
			const held = await server.call('/api/sync/pull', { token, body: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, cursor: null } });
			expect(held.status).toBe(403);
			expect(await held.json()).toMatchObject({ error: { code: 'two_step_enrolment_required' } });
			expect((await server.call('/api/security/sessions', { token })).status).toBe(403);
			expect(await (await server.call('/api/auth/me', { token })).json()).toMatchObject({ twoStepEnrolmentRequired: true });
		}
		// Signing in again still works (the password is right) and says what is needed.
		const signIn = await server.call('/api/auth/login', { body: { email: 'member@policy.test', password: DEMO_PASSWORD } });
		expect(signIn.status).toBe(200);
		expect(await signIn.json()).toMatchObject({ twoStepEnrolmentRequired: true });

		// Enrolment stays open to the held member.
		expect(await (await server.call('/api/security/totp', { token: member })).json()).toMatchObject({ enabled: false });
		const secret = await enrol(member);

		expect(await pullStatus(member)).toBe(200);
		expect(await (await server.call('/api/auth/me', { token: member })).json()).toMatchObject({ twoStepEnrolmentRequired: false });
		const { changes } = await server.pullAll(member, crypto.randomUUID(), null);
		const account = changes.find((c: Change) => c.op === 'put' && c.table === 'accounts' && c.row.id === accountId);
		expect(account).toMatchObject({ row: { requireTwoStep: true } });
		// Another member who has not enrolled is still held.
		await createUser(server.db, actor, { email: 'late@policy.test', password: DEMO_PASSWORD, accountId, role: 'technician' });
		expect(await pullStatus(await server.login('late@policy.test'))).toBe(403);

		const off = await server.call('/api/security/totp/disable', { token: member, body: { code: codeAt(secret, 1) } });
		expect(off.status).toBe(409);
		expect(await off.json()).toMatchObject({ error: { message: 'Policy Co requires 2-step verification of its members: it cannot be switched off.' } });
	});
});
