import type { Change } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let acmeAdmin: string;
let tech: string;
let globexAdmin: string;
let acme: string;
let globex: string;
let techId: string;
let adminId: string;
const ACME = 'Acme Field Services';
let nextSerial = 0;

const op = (id: number, name: string, args: Record<string, unknown>) => ({ id, name, args, createdAt: new Date().toISOString() });
const puts = (changes: Change[], table: string) => changes.filter((c) => c.op === 'put' && c.table === table).map((c) => (c as { row: Record<string, unknown> }).row);

async function newLicense(): Promise<string> {
	const mutation = requestKey(1, { accountId: acme, serial: server.serials(ACME, 'KF-EDGE')[nextSerial++]! });
	expect((await server.push(tech, crypto.randomUUID(), [mutation])).body.results[0]).toMatchObject({ status: 'applied' });
	return mutation.args.licenseId;
}

function setFields(id: number, licenseId: string, values: Record<string, unknown>, seen: Record<string, unknown>, accountId = acme) {
	return op(id, 'license.setFields', { licenseId, accountId, values, seen });
}

async function fieldsOf(licenseId: string) {
	return (await server.db.selectFrom('licenses').select('fields').where('id', '=', licenseId).executeTakeFirstOrThrow()).fields;
}

async function historyOf(licenseId: string) {
	return server.db.selectFrom('license_history').select(['field', 'old_value', 'new_value', 'changed_by', 'replaced_user_id']).where('license_id', '=', licenseId).orderBy('seq').execute();
}

beforeAll(async () => {
	server = await startTestServer();
	[acmeAdmin, tech, globexAdmin] = (await Promise.all(['admin@acme.test', 'tech@acme.test', 'admin@globex.test'].map((e) => server.login(e)))) as [string, string, string];
	acme = await server.accountId(acmeAdmin, ACME);
	globex = await server.accountId(globexAdmin, 'Globex Industrial');
	const users = await server.db.selectFrom('users').select(['id', 'email']).execute();
	techId = users.find((u) => u.email === 'tech@acme.test')!.id;
	adminId = users.find((u) => u.email === 'admin@acme.test')!.id;
});
afterAll(() => server?.close());

describe('fields.define', () => {
	it('an admin defines a field, members pull it; names are unique per account whatever the case; others are refused', async () => {
		const fieldId = crypto.randomUUID();
		const define = (id: number, args: Record<string, unknown>, token = acmeAdmin) =>
			server.push(token, crypto.randomUUID(), [op(id, 'fields.define', { fieldId: crypto.randomUUID(), accountId: acme, ...args })]);
		expect((await define(1, { fieldId, name: 'Rack', type: 'choice', choices: ['A1', 'B2'] })).body.results[0]).toMatchObject({ status: 'applied' });
		expect((await define(1, { name: 'rack', type: 'text' })).body.results[0]).toMatchObject({ status: 'rejected', code: 'field_name_taken' });
		expect((await define(1, { name: 'Other', type: 'text' }, tech)).body.results[0]).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		expect((await define(1, { name: 'Other', type: 'text' }, globexAdmin)).body.results[0]).toMatchObject({ status: 'rejected', code: 'account_not_in_scope' });
		expect((await define(1, { name: 'Empty', type: 'choice', choices: [] })).body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		const { changes } = await server.pullAll(tech, crypto.randomUUID(), null);
		const defs = puts(changes, 'field_definitions').filter((d) => d.accountId === acme);
		expect(defs.map((d) => d.name).sort()).toEqual(['Cost center', 'Installed on', 'Rack', 'Renewal owner', 'Site']);
		expect(defs.find((d) => d.id === fieldId)).toMatchObject({ type: 'choice', choices: ['A1', 'B2'] });
	});
});

describe('license.setFields', () => {
	it('validates each value against its definition and names the field', async () => {
		const licenseId = await newLicense();
		const cases: [Record<string, unknown>, string, string][] = [
			[{ Site: 'Mars' }, 'invalid_field_value', 'Site'],
			[{ 'Installed on': '2026-02-30' }, 'invalid_field_value', 'Installed on'],
			[{ 'Cost center': 12 }, 'invalid_field_value', 'Cost center'],
			[{ Nope: 'x' }, 'invalid_field_value', 'Nope'],
			[{ Site: { nested: true } }, 'invalid_args', 'values']
		];
		for (const [values, code, named] of cases) {
			const seen = Object.fromEntries(Object.keys(values).map((k) => [k, null]));
			const { body } = await server.push(tech, crypto.randomUUID(), [setFields(1, licenseId, values, seen)]);
			expect(body.results[0]).toMatchObject({ status: 'rejected', code });
			expect(body.results[0]!.message).toContain(named);
		}
		const missingSeen = await server.push(tech, crypto.randomUUID(), [setFields(1, licenseId, { Site: 'Remote' }, {})]);
		expect(missingSeen.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		expect(await fieldsOf(licenseId)).toEqual({});
	});

	it('two devices offline: edits to different fields both survive, no one is told anything', async () => {
		const licenseId = await newLicense();
		const [a, b] = await Promise.all([
			server.push(tech, crypto.randomUUID(), [setFields(1, licenseId, { 'Cost center': 'CC-1' }, { 'Cost center': null })]),
			server.push(acmeAdmin, crypto.randomUUID(), [setFields(1, licenseId, { Site: 'Remote', 'Installed on': '2026-03-01' }, { Site: null, 'Installed on': null })])
		]);
		expect([a.body.results[0]!.status, b.body.results[0]!.status]).toEqual(['applied', 'applied']);
		expect(await fieldsOf(licenseId)).toEqual({ 'Cost center': 'CC-1', Site: 'Remote', 'Installed on': '2026-03-01' });
		expect((await historyOf(licenseId)).every((h) => h.replaced_user_id === null)).toBe(true);
	});

	it('the same field: the later applied edit wins, the replaced value stays in the history, and its author is named', async () => {
		const licenseId = await newLicense();
		// Both devices showed an empty "Renewal owner"; the technician's edit arrives first.
		await server.push(tech, crypto.randomUUID(), [setFields(1, licenseId, { 'Renewal owner': 'Tess' }, { 'Renewal owner': null })]);
		const adminClient = crypto.randomUUID();
		const later = await server.push(acmeAdmin, adminClient, [setFields(1, licenseId, { 'Renewal owner': 'Adam' }, { 'Renewal owner': null })]);
		expect(later.body.results[0]).toMatchObject({ status: 'applied', result: { changed: ['Renewal owner'] } });
		expect(await fieldsOf(licenseId)).toEqual({ 'Renewal owner': 'Adam' });
		expect(await historyOf(licenseId)).toEqual([
			{ field: 'Renewal owner', old_value: null, new_value: 'Tess', changed_by: 'tech@acme.test', replaced_user_id: null },
			{ field: 'Renewal owner', old_value: 'Tess', new_value: 'Adam', changed_by: 'admin@acme.test', replaced_user_id: techId }
		]);
		// The technician's devices pull the history row that names them (their "Needs attention" information).
		const { changes } = await server.pullAll(tech, crypto.randomUUID(), null);
		expect(puts(changes, 'license_history').filter((h) => h.licenseId === licenseId && h.replacedUserId === techId)).toEqual([
			expect.objectContaining({ field: 'Renewal owner', oldValue: 'Tess', newValue: 'Adam', changedBy: 'admin@acme.test' })
		]);
		// An edit made having seen the current value replaces nothing unseen; clearing a field removes it.
		await server.push(tech, crypto.randomUUID(), [setFields(1, licenseId, { 'Renewal owner': null }, { 'Renewal owner': 'Adam' })]);
		expect(await fieldsOf(licenseId)).toEqual({});
		expect((await historyOf(licenseId)).at(-1)).toEqual({ field: 'Renewal owner', old_value: 'Adam', new_value: null, changed_by: 'tech@acme.test', replaced_user_id: null });
		const journal = await server.db.selectFrom('activity').select('action').where('client_id', '=', adminClient).execute();
		expect(journal).toEqual([{ action: 'license.setFields' }]);
	});

	it('concurrent edits of one field from many devices: one value wins, every replaced one is in the history', async () => {
		const licenseId = await newLicense();
		const values = ['A', 'B', 'C', 'D', 'E', 'F'];
		await Promise.all(values.map((v, i) => server.push(i % 2 ? tech : acmeAdmin, crypto.randomUUID(), [setFields(1, licenseId, { 'Cost center': v }, { 'Cost center': null })])));
		const history = await historyOf(licenseId);
		expect(history).toHaveLength(values.length);
		expect(history.map((h) => h.old_value)).toEqual([null, ...history.slice(0, -1).map((h) => h.new_value)]);
		expect((await fieldsOf(licenseId))['Cost center']).toBe(history.at(-1)!.new_value);
		expect(history.slice(1).every((h) => h.replaced_user_id === techId || h.replaced_user_id === adminId)).toBe(true);
	});

	it('isolation: another account cannot edit; a recipient of a share reads it only, and gets the owner\'s change', async () => {
		const licenseId = await newLicense();
		const shareCode = (await server.db.selectFrom('share_codes').select('code').where('account_id', '=', globex).executeTakeFirstOrThrow()).code;
		await server.push(acmeAdmin, crypto.randomUUID(), [op(1, 'license.share', { shareId: crypto.randomUUID(), licenseId, accountId: acme, shareCode })]);
		const recipientClient = crypto.randomUUID();
		const first = await server.pullAll(globexAdmin, recipientClient, null);

		const asOwner = await server.push(globexAdmin, crypto.randomUUID(), [setFields(1, licenseId, { Site: 'Remote' }, { Site: null })]);
		expect(asOwner.body.results[0]).toMatchObject({ status: 'rejected', code: 'license_read_only' });
		const inOwnAccount = await server.push(globexAdmin, crypto.randomUUID(), [setFields(1, licenseId, { Site: 'Remote' }, { Site: null }, globex)]);
		expect(inOwnAccount.body.results[0]).toMatchObject({ status: 'rejected', code: 'license_read_only' });
		const stranger = await server.push(globexAdmin, crypto.randomUUID(), [setFields(1, await newLicense(), { Site: 'Remote' }, { Site: null })]);
		expect(stranger.body.results[0]).toMatchObject({ status: 'rejected', code: 'account_not_in_scope' });

		await server.push(tech, crypto.randomUUID(), [setFields(1, licenseId, { Site: 'Lyon plant' }, { Site: null })]);
		const refreshed = await server.pullAll(globexAdmin, recipientClient, first.last.cursor);
		expect(puts(refreshed.changes, 'shared_licenses')).toEqual([expect.objectContaining({ licenseId, fields: { Site: 'Lyon plant' } })]);
		// The owner's history and definitions never reach the recipient.
		expect(puts(refreshed.changes, 'license_history')).toEqual([]);
		expect(puts(first.changes, 'field_definitions').every((d) => d.accountId === globex)).toBe(true);
	});
});
