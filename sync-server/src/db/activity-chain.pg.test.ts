// The journal's hash chain: appends from concurrent pushes stay one unbroken chain per account, and editing or
// deleting a row is detected by verifyChain.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';
import { NIL_CHAIN, verifyChain } from './activity.repository.ts';

let server: TestServer;
let acme: string;
const ACME = 'Acme Field Services';

beforeAll(async () => {
	server = await startTestServer();
	acme = await server.accountId(await server.login('tech@acme.test'), ACME);
});
afterAll(() => server?.close());

describe('activity chain', () => {
	it('stays one chain under concurrent pushes of whole batches, skipping a rejected mutation, and the sign-ins chain too', async () => {
		const serials = server.serials(ACME);
		const before = await verifyChain(server.db, acme);
		const tokens = await Promise.all([server.login('tech@acme.test'), server.login('tech@acme.test'), server.login('tech@acme.test')]);
		const pushes = tokens.map((token, i) => {
			const mine = serials.slice(i * 4, i * 4 + 4);
			// The third mutation reuses the first one's license id: rejected, so it must leave no journal row.
			const first = requestKey(1, { accountId: acme, serial: mine[0]! });
			const taken = requestKey(3, { accountId: acme, serial: mine[2]!, licenseId: first.args.licenseId });
			return server.push(token, crypto.randomUUID(), [first, requestKey(2, { accountId: acme, serial: mine[1]! }), taken, requestKey(4, { accountId: acme, serial: mine[3]! })]);
		});
		for (const { body } of await Promise.all(pushes)) expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied']);
		const check = await verifyChain(server.db, acme);
		expect(check).toMatchObject({ ok: true });
		expect(check.rows).toBe(before.rows + 9);
		const seqs = await server.db.selectFrom('activity').select('chain_seq').where('account_id', '=', acme).orderBy('chain_seq').execute();
		expect(seqs.map((r) => Number(r.chain_seq))).toEqual(seqs.map((_, i) => i + 1));
		expect(await verifyChain(server.db, NIL_CHAIN)).toMatchObject({ ok: true });
	});

	it('detects an edited row, then a deleted one', async () => {
		const rows = await server.db.selectFrom('activity').select(['id', 'chain_seq']).where('account_id', '=', acme).orderBy('chain_seq').execute();
		const victim = rows[1]!;
		await sql`update activity set details = '{"forged":true}' where id = ${victim.id}`.execute(server.db);
		expect(await verifyChain(server.db, acme)).toMatchObject({ ok: false, brokenAt: { reason: 'hash', seq: Number(victim.chain_seq) } });
		await sql`delete from activity where id = ${victim.id}`.execute(server.db);
		expect(await verifyChain(server.db, acme)).toMatchObject({ ok: false, brokenAt: { reason: 'gap' } });
	});
});
