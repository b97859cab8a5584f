// Partner delegation as a customer admin's queued operations, on a real database: granted by the partner's code
// with a scope, view-only enforced at apply time in words naming both accounts, the scope changed, revoked (the
// account leaves the partner's pull scope, the customer's devices get a tombstone, late partner operations are told
// why), revived; and who may not grant or revoke.
import { makeCode, type Change } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let globexAdmin: string;
let partner: string;
let acmeAdmin: string;
let tech: string;
let globex: string;
let acme: string;
let northwind: string;
let northwindCode: string;
const GLOBEX = 'Globex Industrial';

const op = (id: number, name: string, args: Record<string, unknown>) => ({ id, name, args, createdAt: new Date().toISOString() });
const puts = (changes: Change[], table: string) => changes.filter((c) => c.op === 'put' && c.table === table).map((c) => (c as { row: Record<string, unknown> }).row);
const dels = (changes: Change[], table: string) => changes.filter((c) => c.op === 'del' && c.table === table).map((c) => (c as { id: string }).id);
const codeOf = async (accountId: string) => (await server.db.selectFrom('share_codes').select('code').where('account_id', '=', accountId).executeTakeFirstOrThrow()).code;
const nextSerial = () => server.seed.certificates.find((c) => c.account === GLOBEX)!.serials.shift()!;

async function pushOne(token: string, name: string, args: Record<string, unknown>) {
	const { status, body } = await server.push(token, crypto.randomUUID(), [op(1, name, args)]);
	expect(status).toBe(200);
	return body.results[0]!;
}

beforeAll(async () => {
	server = await startTestServer();
	[globexAdmin, partner, acmeAdmin, tech] = (await Promise.all(['admin@globex.test', 'partner@northwind.test', 'admin@acme.test', 'tech@acme.test'].map((e) => server.login(e)))) as [string, string, string, string];
	globex = await server.accountId(globexAdmin, GLOBEX);
	acme = await server.accountId(acmeAdmin, 'Acme Field Services');
	northwind = await server.accountId(partner, 'Northwind Partners');
	northwindCode = await codeOf(northwind);
});
afterAll(() => server?.close());

describe('delegation.grant and delegation.revoke', () => {
	it('grants view-only, refuses the partner every operation with a clear reason, then manage lets them act', async () => {
		const partnerDevice = crypto.randomUUID();
		const before = await server.pullAll(partner, partnerDevice, null);
		expect(before.last.scope).not.toContain(globex);

		const delegationId = crypto.randomUUID();
		// Typed as a person would: lower case, spaces for dashes.
		const typed = northwindCode.toLowerCase().replace(/-/g, ' ');
		expect(await pushOne(globexAdmin, 'delegation.grant', { delegationId, accountId: globex, partnerCode: typed, scope: 'read' })).toMatchObject({
			status: 'applied',
			result: { delegationId, partnerName: 'Northwind Partners', changed: true }
		});

		const granted = await server.pullAll(partner, partnerDevice, before.last.cursor);
		expect(granted.last.scope).toContain(globex);
		expect(puts(granted.changes, 'accounts').map((a) => a.id)).toContain(globex);
		expect(puts(granted.changes, 'delegations')).toEqual([
			expect.objectContaining({ id: delegationId, accountId: globex, partnerAccountId: northwind, partnerName: 'Northwind Partners', scope: 'read', grantedBy: 'admin@globex.test' })
		]);

		const viewOnly = await pushOne(partner, 'license.requestKey', requestKey(1, { accountId: globex, serial: nextSerial() }).args);
		expect(viewOnly).toMatchObject({
			status: 'rejected',
			code: 'delegation_read_only',
			message: "Northwind Partners may only view Globex Industrial's licenses; ask Globex Industrial's admin for manage access."
		});

		// Granting again with another scope changes the one delegation (same id), and the partner may act now.
		expect(await pushOne(globexAdmin, 'delegation.grant', { delegationId: crypto.randomUUID(), accountId: globex, partnerCode: northwindCode, scope: 'manage' })).toMatchObject({
			status: 'applied',
			result: { delegationId, changed: true }
		});
		expect(await pushOne(globexAdmin, 'delegation.grant', { delegationId: crypto.randomUUID(), accountId: globex, partnerCode: northwindCode, scope: 'manage' })).toMatchObject({
			status: 'applied',
			result: { delegationId, changed: false }
		});
		const changed = await server.pullAll(partner, partnerDevice, granted.last.cursor);
		expect(puts(changed.changes, 'delegations')).toEqual([expect.objectContaining({ id: delegationId, scope: 'manage' })]);
		expect(await pushOne(partner, 'license.requestKey', requestKey(1, { accountId: globex, serial: nextSerial() }).args)).toMatchObject({ status: 'applied' });
	});

	it('revokes: the account leaves the partner scope, the delegation row is tombstoned, late operations learn why; granting again revives it', async () => {
		const partnerDevice = crypto.randomUUID();
		const adminDevice = crypto.randomUUID();
		const partnerBefore = await server.pullAll(partner, partnerDevice, null);
		const adminBefore = await server.pullAll(globexAdmin, adminDevice, null);
		const [delegation] = puts(adminBefore.changes, 'delegations');
		expect(delegation).toMatchObject({ partnerAccountId: northwind });
		expect(puts(partnerBefore.changes, 'licenses').some((l) => l.accountId === globex)).toBe(true);

		// The partner queues an operation against Globex (offline); the admin revokes before it reaches the server.
		const queued = requestKey(1, { accountId: globex, serial: nextSerial() });
		expect(await pushOne(globexAdmin, 'delegation.revoke', { delegationId: delegation!.id, accountId: globex })).toMatchObject({ status: 'applied' });

		const partnerAfter = await server.pullAll(partner, partnerDevice, partnerBefore.last.cursor);
		expect(partnerAfter.last.scope).not.toContain(globex);
		expect(partnerAfter.last.scope).toContain(acme);
		const adminAfter = await server.pullAll(globexAdmin, adminDevice, adminBefore.last.cursor);
		expect(dels(adminAfter.changes, 'delegations')).toEqual([delegation!.id]);

		const late = await server.push(partner, partnerDevice, [queued]);
		expect(late.body.results[0]).toMatchObject({
			status: 'rejected',
			code: 'delegation_revoked',
			message: "Globex Industrial no longer delegates its account to Northwind Partners; ask Globex Industrial's admin to delegate it again."
		});
		expect(await pushOne(globexAdmin, 'delegation.revoke', { delegationId: delegation!.id, accountId: globex })).toMatchObject({ status: 'rejected', code: 'delegation_unknown' });
		// The vendor API sees the revoked one as gone too.
		const vendor = await server.login('vendor@keyfield.test');
		expect((await server.call(`/api/admin/delegations/${delegation!.id}`, { token: vendor, method: 'DELETE' })).status).toBe(404);

		// Granted again: the same row comes back and the partner backfills Globex from 0.
		expect(await pushOne(globexAdmin, 'delegation.grant', { delegationId: crypto.randomUUID(), accountId: globex, partnerCode: northwindCode, scope: 'read' })).toMatchObject({
			status: 'applied',
			result: { delegationId: delegation!.id, changed: true }
		});
		const again = await server.pullAll(partner, partnerDevice, partnerAfter.last.cursor);
		expect(again.last.scope).toContain(globex);
		expect(puts(again.changes, 'licenses').some((l) => l.accountId === globex)).toBe(true);
	});

	it('refuses codes that name no partner, the own account, and anyone but the customer\'s own admins', async () => {
		const grant = (scope: string, partnerCode: string) => ({ delegationId: crypto.randomUUID(), accountId: acme, partnerCode, scope });
		const cases: [string, string, Record<string, unknown>, string][] = [
			[acmeAdmin, 'delegation.grant', grant('read', await codeOf(globex)), 'partner_code_unknown'], // a customer, not a partner
			[acmeAdmin, 'delegation.grant', grant('read', makeCode('share', crypto.getRandomValues(new Uint8Array(16)))), 'partner_code_unknown'],
			[acmeAdmin, 'delegation.grant', grant('read', 'NOT-A-CODE'), 'partner_code_unknown'],
			[acmeAdmin, 'delegation.grant', grant('read', await codeOf(acme)), 'delegation_to_self'],
			[acmeAdmin, 'delegation.grant', grant('everything', northwindCode), 'invalid_args'],
			[tech, 'delegation.grant', grant('manage', northwindCode), 'not_allowed'],
			// The partner manages Acme, but delegating it (or ending that) is Acme's own decision.
			[partner, 'delegation.grant', grant('manage', northwindCode), 'not_allowed'],
			[partner, 'delegation.revoke', { delegationId: crypto.randomUUID(), accountId: acme }, 'not_allowed'],
			[globexAdmin, 'delegation.revoke', { delegationId: crypto.randomUUID(), accountId: acme }, 'account_not_in_scope']
		];
		for (const [token, name, args, code] of cases) expect(await pushOne(token, name, args), `${name} ${JSON.stringify(args)}`).toMatchObject({ status: 'rejected', code });
	});

	it("revoking another account's delegation id does nothing", async () => {
		const acmeDelegation = puts((await server.pullAll(acmeAdmin, crypto.randomUUID(), null)).changes, 'delegations')[0]!;
		expect(await pushOne(globexAdmin, 'delegation.revoke', { delegationId: acmeDelegation.id, accountId: globex })).toMatchObject({ status: 'rejected', code: 'delegation_unknown' });
		expect((await server.pullAll(partner, crypto.randomUUID(), null)).last.scope).toContain(acme);
	});
});
