import { makeCode, type Change } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let acmeAdmin: string;
let tech: string;
let globexAdmin: string;
let partner: string;
let acme: string;
let globex: string;
let globexCode: string;
let acmeCode: string;
const ACME = 'Acme Field Services';

const op = (id: number, name: string, args: Record<string, unknown>) => ({ id, name, args, createdAt: new Date().toISOString() });
const puts = (changes: Change[], table: string) => changes.filter((c) => c.op === 'put' && c.table === table).map((c) => (c as { row: Record<string, unknown> }).row);
const dels = (changes: Change[], table: string) => changes.filter((c) => c.op === 'del' && c.table === table).map((c) => (c as { id: string }).id);

async function newLicense(): Promise<string> {
	const serial = server.serials(ACME, 'KF-VAULT').shift()!;
	server.seed.certificates.find((c) => c.serials.includes(serial))!.serials.splice(0, 1);
	const mutation = requestKey(1, { accountId: acme, serial });
	const { body } = await server.push(tech, crypto.randomUUID(), [mutation]);
	expect(body.results[0]).toMatchObject({ status: 'applied' });
	return mutation.args.licenseId;
}

async function codeOf(accountId: string): Promise<string> {
	return (await server.db.selectFrom('share_codes').select('code').where('account_id', '=', accountId).executeTakeFirstOrThrow()).code;
}

beforeAll(async () => {
	server = await startTestServer();
	[acmeAdmin, tech, globexAdmin, partner] = (await Promise.all(['admin@acme.test', 'tech@acme.test', 'admin@globex.test', 'partner@northwind.test'].map((e) => server.login(e)))) as [string, string, string, string];
	acme = await server.accountId(acmeAdmin, ACME);
	globex = await server.accountId(globexAdmin, 'Globex Industrial');
	globexCode = await codeOf(globex);
	acmeCode = await codeOf(acme);
});
afterAll(() => server?.close());

describe('share codes', () => {
	it('every customer account has one, with check characters, and its members pull it', async () => {
		expect(globexCode).toMatch(/^A-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
		const { changes } = await server.pullAll(globexAdmin, crypto.randomUUID(), null);
		expect(puts(changes, 'share_codes')).toEqual([expect.objectContaining({ id: globex, accountId: globex, code: globexCode })]);
	});
});

describe('license.share / license.unshare', () => {
	it('shares by code: the recipient pulls a read-only copy marked with the owner, the owner sees the recipient; unshare removes it from the recipient', async () => {
		const licenseId = await newLicense();
		const shareId = crypto.randomUUID();
		const clientId = crypto.randomUUID();
		const recipientClient = crypto.randomUUID();
		const before = await server.pullAll(globexAdmin, recipientClient, null);

		const shared = await server.push(acmeAdmin, clientId, [op(1, 'license.share', { shareId, licenseId, accountId: acme, shareCode: globexCode.toLowerCase().replace(/-/g, ' ') })]);
		expect(shared.body.results[0]).toEqual({ id: 1, status: 'applied', result: { shareId, recipientName: 'Globex Industrial', existing: false } });

		const received = await server.pullAll(globexAdmin, recipientClient, before.last.cursor);
		expect(puts(received.changes, 'shared_licenses')).toEqual([
			expect.objectContaining({ id: shareId, accountId: globex, licenseId, ownerAccountName: ACME, sku: 'KF-VAULT', seats: 25, status: 'active' })
		]);
		expect(puts(received.changes, 'licenses')).toEqual([]); // the owner's license row itself stays out of reach

		const owner = await server.pullAll(acmeAdmin, crypto.randomUUID(), null);
		expect(puts(owner.changes, 'license_shares')).toContainEqual(expect.objectContaining({ id: shareId, licenseId, recipientAccountId: globex, recipientName: 'Globex Industrial', sharedBy: 'admin@acme.test' }));

		const journal = await server.db.selectFrom('activity').select(['action', 'account_id']).where('client_id', '=', clientId).orderBy('id').execute();
		expect(journal).toEqual([{ action: 'license.share', account_id: acme }, { action: 'license.share.received', account_id: globex }]);

		const unshared = await server.push(acmeAdmin, clientId, [op(2, 'license.unshare', { shareId, accountId: acme })]);
		expect(unshared.body.results[0]).toMatchObject({ status: 'applied' });
		const gone = await server.pullAll(globexAdmin, recipientClient, received.last.cursor);
		expect(dels(gone.changes, 'shared_licenses')).toEqual([shareId]);
		expect(await server.db.selectFrom('shared_licenses').select('id').where('id', '=', shareId).execute()).toEqual([]);
	});

	it('sharing again with the same account answers the existing share, also when two pushes race', async () => {
		const licenseId = await newLicense();
		const ids = [crypto.randomUUID(), crypto.randomUUID()];
		const results = await Promise.all(ids.map((shareId) => server.push(acmeAdmin, crypto.randomUUID(), [op(1, 'license.share', { shareId, licenseId, accountId: acme, shareCode: globexCode })])));
		const outcomes = results.map((r) => r.body.results[0]!.result as { shareId: string; existing: boolean });
		expect(outcomes.map((o) => o.existing).sort()).toEqual([false, true]);
		expect(new Set(outcomes.map((o) => o.shareId)).size).toBe(1);
		expect(await server.db.selectFrom('license_shares').select('id').where('license_id', '=', licenseId).execute()).toHaveLength(1);
	});

	it('refuses an unknown code, a mistyped code, the own account and a non-admin', async () => {
		const licenseId = await newLicense();
		const unknown = makeCode('share', crypto.getRandomValues(new Uint8Array(12)));
		const typo = globexCode.slice(0, 2) + (globexCode[2] === '7' ? '8' : '7') + globexCode.slice(3);
		const cases: [string, Record<string, unknown>, string][] = [
			[acmeAdmin, { shareCode: unknown }, 'share_code_unknown'],
			[acmeAdmin, { shareCode: typo }, 'share_code_invalid'],
			[acmeAdmin, { shareCode: acmeCode }, 'share_with_own_account'],
			[tech, { shareCode: globexCode }, 'not_allowed'],
			[globexAdmin, { shareCode: globexCode }, 'account_not_in_scope'],
			[acmeAdmin, { shareCode: globexCode, licenseId: crypto.randomUUID() }, 'license_unknown'],
			[acmeAdmin, { shareCode: 42 }, 'share_code_invalid'],
			[acmeAdmin, { shareCode: globexCode, shareId: 'nope' }, 'invalid_args']
		];
		for (const [token, args, code] of cases) {
			const { status, body } = await server.push(token, crypto.randomUUID(), [op(1, 'license.share', { shareId: crypto.randomUUID(), licenseId, accountId: acme, ...args })]);
			expect(status).toBe(200);
			expect(body.results[0], code).toMatchObject({ status: 'rejected', code });
		}
		expect(await server.db.selectFrom('license_shares').select('id').where('license_id', '=', licenseId).execute()).toEqual([]);
	});

	it('a partner admin of a delegated account may share it; unshare of a share in another account reads as unknown', async () => {
		const licenseId = await newLicense();
		const shareId = crypto.randomUUID();
		const { body } = await server.push(partner, crypto.randomUUID(), [op(1, 'license.share', { shareId, licenseId, accountId: acme, shareCode: globexCode })]);
		expect(body.results[0]).toMatchObject({ status: 'applied' });
		// Globex's admin names the share with their own account: it is not an owner's share there.
		const foreign = await server.push(globexAdmin, crypto.randomUUID(), [op(1, 'license.unshare', { shareId, accountId: globex })]);
		expect(foreign.body.results[0]).toMatchObject({ status: 'rejected', code: 'share_unknown' });
		const notAdmin = await server.push(tech, crypto.randomUUID(), [op(1, 'license.unshare', { shareId, accountId: acme })]);
		expect(notAdmin.body.results[0]).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		// Two unshares at once: one ends it, the other finds nothing left.
		const both = await Promise.all([1, 2].map(() => server.push(acmeAdmin, crypto.randomUUID(), [op(1, 'license.unshare', { shareId, accountId: acme })])));
		expect(both.map((r) => r.body.results[0]!.status).sort()).toEqual(['applied', 'rejected']);
		expect(await server.db.selectFrom('tombstones').select('table_name').where('row_id', '=', shareId).orderBy('table_name').execute()).toEqual([
			{ table_name: 'license_shares' },
			{ table_name: 'shared_licenses' }
		]);
	});

	it('two accounts sharing with each other at once do not deadlock', async () => {
		const acmeLicense = await newLicense();
		const globexSerial = server.serials('Globex Industrial')[0]!;
		const reg = requestKey(1, { accountId: globex, serial: globexSerial });
		expect((await server.push(globexAdmin, crypto.randomUUID(), [reg])).body.results[0]).toMatchObject({ status: 'applied' });
		const results = await Promise.all([
			server.push(acmeAdmin, crypto.randomUUID(), [op(1, 'license.share', { shareId: crypto.randomUUID(), licenseId: acmeLicense, accountId: acme, shareCode: globexCode })]),
			server.push(globexAdmin, crypto.randomUUID(), [op(1, 'license.share', { shareId: crypto.randomUUID(), licenseId: reg.args.licenseId, accountId: globex, shareCode: acmeCode })])
		]);
		for (const r of results) expect(r.body.results[0]).toMatchObject({ status: 'applied' });
	});
});
