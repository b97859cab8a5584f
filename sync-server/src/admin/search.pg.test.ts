// The console's search: each kind of identifier found as typed (with or without dashes, lower case, look-alike
// letters), with whose it is and its history; a typo finds nothing rather than something else.
import type { SearchHit, SearchResponse } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration, requestKey, startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let vendor: string;
let acme: string;
let serial: string;
let licenseId: string;

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	const tech = await server.login('tech@acme.test');
	acme = await server.accountId(tech, 'Acme Field Services');
	serial = server.serials('Acme Field Services', 'KF-EDGE')[0]!;
	const mutation = requestKey(1, { accountId: acme, serial });
	licenseId = mutation.args.licenseId;
	const { body } = await server.push(tech, crypto.randomUUID(), [mutation]);
	expect(body.results[0]!.status).toBe('applied');
});
afterAll(() => server?.close());

async function search(q: string): Promise<SearchHit[]> {
	const res = await server.call(`/api/admin/search?q=${encodeURIComponent(q)}`, { token: vendor });
	const body = await res.json();
	expect(res.status, JSON.stringify(body)).toBe(200);
	return (body as SearchResponse).hits;
}

/** The ways a person types a printed code: as printed, no dashes in lower case, and O/I/L for 0/1. */
function typings(code: string): string[] {
	const bare = code.replace(/-/g, '').toLowerCase();
	return [code, bare, bare.slice(1), ` ${code.toLowerCase().replace(/-/g, ' ')} `, bare.replace(/0/g, 'o').replace(/1/g, 'l')];
}

describe('GET /api/admin/search', () => {
	it('finds a registered serial however it is typed: its certificate, account, license and who registered it', async () => {
		for (const typed of typings(serial)) {
			const hits = await search(typed);
			expect(hits, typed).toHaveLength(1);
			const hit = hits[0]!;
			if (hit.type !== 'serial') throw new Error(`a ${hit.type} for ${typed}`);
			expect(hit).toMatchObject({ serial, certificate: { sku: 'KF-EDGE' }, account: { id: acme, name: 'Acme Field Services' }, license: { id: licenseId, registeredTo: `${registration.company} · ${registration.contactName}` } });
			expect(hit.history).toEqual([expect.objectContaining({ action: 'license.requestKey', user: 'tech@acme.test', details: expect.objectContaining({ serial }) })]);
		}
	});

	it('finds an unregistered boxed serial as nobody’s yet, and nothing for a typo', async () => {
		const boxed = server.serials('boxed (no account)')[0]!;
		expect(await search(boxed)).toEqual([expect.objectContaining({ type: 'serial', account: null, license: null, history: [] })]);
		const typo = serial.slice(0, 3) + (serial[3] === '7' ? '8' : '7') + serial.slice(4);
		expect(await search(typo)).toEqual([]);
	});

	it('finds a voucher code and an upgrade notification id, with or without dashes, in lower case', async () => {
		const code = server.seed.vouchers[0]!.codes[0]!;
		for (const typed of typings(code)) {
			expect(await search(typed), typed).toEqual([expect.objectContaining({ type: 'voucher', code, state: 'open', account: null, restrictedTo: expect.objectContaining({ name: 'Northwind Partners' }) })]);
		}
		const notification = server.seed.upgradeNotifications[0]!;
		for (const typed of typings(notification.code)) {
			expect(await search(typed), typed).toEqual([expect.objectContaining({ type: 'notification', code: notification.code, sku: notification.sku, account: expect.objectContaining({ id: acme }) })]);
		}
	});

	it('finds a license by its id and by its key text', async () => {
		const { key } = await server.db.selectFrom('licenses').select('key').where('id', '=', licenseId).executeTakeFirstOrThrow();
		for (const typed of [licenseId, licenseId.toUpperCase(), key, `${key.slice(0, 40)}\n${key.slice(40)}`]) {
			const hits = await search(typed);
			expect(hits, typed).toEqual([expect.objectContaining({ type: 'license', license: expect.objectContaining({ id: licenseId, serial }), account: expect.objectContaining({ id: acme }) })]);
		}
	});

	it('finds accounts by id and by the start of the name, and users by email with their roles', async () => {
		expect(await search(acme)).toEqual([{ type: 'account', account: expect.objectContaining({ id: acme, name: 'Acme Field Services' }) }]);
		expect((await search('acme f')).map((h) => h.type === 'account' && h.account.name)).toEqual(['Acme Field Services']);
		const users = await search('TECH@acme.test');
		expect(users).toEqual([expect.objectContaining({ type: 'user', user: expect.objectContaining({ email: 'tech@acme.test' }), memberships: [{ account: expect.objectContaining({ id: acme }), role: 'technician' }] })]);
		expect(await search('nothing like this')).toEqual([]);
	});

	it('refuses an empty or huge query with 400', async () => {
		for (const q of ['', '   ', 'x'.repeat(2001), 'acme%00']) expect((await server.call(`/api/admin/search?q=${q}`, { token: vendor })).status).toBe(400);
		expect((await server.call('/api/admin/search', { token: vendor })).status).toBe(400);
	});
});
