// The role matrix cell by cell: every operation × every role × the account reached directly (own), through a
// partner's delegation (delegated), through a view-only delegation (read: always refused), or not at all (foreign). Only authorisation is asserted: an allowed cell may
// still be rejected by a business rule (a random voucher is unknown), never with not_allowed or a scope error.
import { Operations, PermissionMatrix, makeCode, type OperationName, type Role } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCertificate, createDelegation, createUser } from '../admin/admin.service.ts';
import { DEMO_PASSWORD } from '../seed/demo-seed.ts';
import { registration, requestKey, startTestServer, type TestServer } from '../test/harness.ts';

const ROLES: Role[] = ['admin', 'technician', 'member'];
const REACHES = ['own', 'delegated', 'read', 'foreign'] as const;
type Reach = (typeof REACHES)[number];
const SCOPE_REJECTIONS = ['account_not_in_scope', 'license_unknown', 'activation_unknown'];

let server: TestServer;
let customer: string;
let licenseId: string;
let adminToken: string;
const tokens = new Map<string, string>();
const actor = { userId: null, ip: null };
const code = (kind: 'voucher' | 'notification' | 'share') => makeCode(kind, crypto.getRandomValues(new Uint8Array(32)));

beforeAll(async () => {
	server = await startTestServer();
	const db = server.db;
	customer = (await createAccount(db, actor, { name: 'Matrix Customer', kind: 'customer' })).id;
	const partner = (await createAccount(db, actor, { name: 'Matrix Partner', kind: 'partner' })).id;
	const viewer = (await createAccount(db, actor, { name: 'Matrix Viewer', kind: 'partner' })).id;
	const foreign = (await createAccount(db, actor, { name: 'Matrix Foreign', kind: 'customer' })).id;
	await createDelegation(db, actor, { customerAccountId: customer, partnerAccountId: partner });
	await createDelegation(db, actor, { customerAccountId: customer, partnerAccountId: viewer, scope: 'read' });
	const accountOf: Record<Reach, string> = { own: customer, delegated: partner, read: viewer, foreign };
	for (const reach of REACHES) {
		for (const role of ROLES) {
			const email = `${role}.${reach}@matrix.test`;
			await createUser(db, actor, { email, password: DEMO_PASSWORD, accountId: accountOf[reach], role });
			tokens.set(`${role}/${reach}`, await server.login(email));
		}
	}
	const { serials } = await createCertificate(db, actor, { accountId: customer, sku: 'KF-EDGE', quantity: 1000, maintenanceEnd: '2030-12-31', serialCount: 1 });
	adminToken = tokens.get('admin/own')!;
	const registered = requestKey(1, { accountId: customer, serial: serials[0]! });
	expect((await server.push(adminToken, crypto.randomUUID(), [registered])).body.results[0]!.status).toBe('applied');
	licenseId = registered.args.licenseId;
});
afterAll(() => server?.close());

/** A host activation of the license, made by the customer's admin, for the operations that need one. */
async function newActivation(): Promise<string> {
	const activationId = crypto.randomUUID();
	const args = { activationId, licenseId, hostId: `HOST-${activationId.slice(0, 8)}` };
	const { body } = await server.push(adminToken, crypto.randomUUID(), [{ id: 1, name: 'host.activate', createdAt: new Date().toISOString(), args }]);
	expect(body.results[0]!.status).toBe('applied');
	return activationId;
}

/** Args of a valid shape for each operation, aimed at the customer account (and its license). */
const argsFor: Record<OperationName, () => Promise<Record<string, unknown>>> = {
	'license.requestKey': async () => requestKey(1, { accountId: customer, serial: makeCode('serial', crypto.getRandomValues(new Uint8Array(32))) }).args,
	'license.upgradeVersion': async () => ({ accountId: customer, notificationCode: code('notification'), licenseId, newLicenseId: crypto.randomUUID(), quantity: 1, registration }),
	'voucher.redeem': async () => ({ licenseId: crypto.randomUUID(), accountId: customer, code: code('voucher'), registration }),
	'enterprise.drawDown': async () => ({ accountId: customer, agreementId: crypto.randomUUID(), licenseId: crypto.randomUUID(), sku: 'KF-EDGE', seats: 1 }),
	'enterprise.release': async () => ({ accountId: customer, agreementId: crypto.randomUUID(), licenseId, seats: 1 }),
	'license.share': async () => ({ shareId: crypto.randomUUID(), licenseId, accountId: customer, shareCode: code('share') }),
	'license.unshare': async () => ({ shareId: crypto.randomUUID(), accountId: customer }),
	'license.setFields': async () => ({ licenseId, accountId: customer, values: { Site: 'Madrid' }, seen: { Site: null } }),
	'fields.define': async () => ({ fieldId: crypto.randomUUID(), accountId: customer, name: `Field ${crypto.randomUUID().slice(0, 6)}`, type: 'text' }),
	'host.activate': async () => ({ activationId: crypto.randomUUID(), licenseId, hostId: `HOST-${crypto.randomUUID().slice(0, 8)}` }),
	'host.deactivate': async () => ({ activationId: await newActivation(), licenseId }),
	'host.move': async () => ({ activationId: await newActivation(), licenseId, newActivationId: crypto.randomUUID(), newHostId: `HOST-${crypto.randomUUID().slice(0, 8)}` }),
	'contract.renew': async () => ({ renewalId: crypto.randomUUID(), contractId: crypto.randomUUID(), accountId: customer }),
	'contract.coterm': async () => ({ cotermId: crypto.randomUUID(), accountId: customer, contractIds: [crypto.randomUUID(), crypto.randomUUID()] }),
	'contract.setReminders': async () => ({ contractId: crypto.randomUUID(), accountId: customer, leads: [45, 14] }),
	// Random people and ids: an allowed cell ends in a business answer (domain not approved, unknown member), so the
	// matrix's own users keep their roles and memberships from cell to cell.
	'user.invite': async () => ({ invitationId: crypto.randomUUID(), accountId: customer, email: `new-${crypto.randomUUID().slice(0, 8)}@matrix.test`, role: 'member' }),
	'invitation.revoke': async () => ({ invitationId: crypto.randomUUID(), accountId: customer }),
	'domain.approve': async () => ({ domainId: crypto.randomUUID(), accountId: customer, domain: `d${crypto.randomUUID().slice(0, 8)}.matrix.test` }),
	'member.setRole': async () => ({ accountId: customer, userId: crypto.randomUUID(), role: 'technician' }),
	'user.remove': async () => ({ accountId: customer, userId: crypto.randomUUID() }),
	'order.place': async () => ({ orderId: crypto.randomUUID(), accountId: customer, lines: [{ packageId: crypto.randomUUID(), quantity: 1, priceMinor: 100, currency: 'EUR' }] }),
	'seat.assign': async () => ({ assignmentId: crypto.randomUUID(), accountId: customer, productId: crypto.randomUUID(), userId: crypto.randomUUID() }),
	'seat.release': async () => ({ assignmentId: crypto.randomUUID(), accountId: customer }),
	'delegation.grant': async () => ({ delegationId: crypto.randomUUID(), accountId: customer, partnerCode: code('share'), scope: 'manage' }),
	'delegation.revoke': async () => ({ delegationId: crypto.randomUUID(), accountId: customer }),
	// false: requiring 2-step verification would hold every matrix user (none enrolled) to enrolment
	'account.setPolicy': async () => ({ accountId: customer, requireTwoStep: false })
};

describe('permission matrix', () => {
	it('covers every operation', () => {
		expect(Object.keys(argsFor).sort()).toEqual(Object.keys(Operations).sort());
	});

	for (const name of Object.keys(Operations) as OperationName[]) {
		for (const reach of REACHES) {
			for (const role of ROLES) {
				const allowed = (reach === 'own' || reach === 'delegated') && PermissionMatrix[name][reach].includes(role);
				const expected = reach === 'foreign' ? 'out of scope' : reach === 'read' ? 'delegation_read_only' : allowed ? 'allowed' : 'not_allowed';
				it(`${name} · ${role} · ${reach} → ${expected}`, async () => {
					const mutation = { id: 1, name, createdAt: new Date().toISOString(), args: await argsFor[name]() };
					const { status, body } = await server.push(tokens.get(`${role}/${reach}`)!, crypto.randomUUID(), [mutation]);
					expect(status).toBe(200);
					const result = body.results[0]!;
					if (reach === 'foreign') expect(SCOPE_REJECTIONS).toContain(result.code);
					else if (reach === 'read') expect(result).toMatchObject({ code: 'delegation_read_only', message: "Matrix Viewer may only view Matrix Customer's licenses; ask Matrix Customer's admin for manage access." });
					else if (!allowed) expect(result.code).toBe('not_allowed');
					else expect([...SCOPE_REJECTIONS, 'not_allowed', 'invalid_args']).not.toContain(result.code ?? 'applied');
				});
			}
		}
	}
});
