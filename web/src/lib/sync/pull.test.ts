// The page loop over a stub server; the protocol against the real sync server is in test/integration/sync-engine.test.ts.
import { CATALOG_ACCOUNT_ID, type PullRequest, type PullResponse } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { KeyfieldDb } from '../db/db.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { Fetch } from './api.ts';
import { pull } from './pull.ts';
import type { SyncState } from './sync-state.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const TECH = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'tech@acme.test', name: 'Tess Tech', vendor: false };

/** Page n (from cursor `c{n-1}`, or null for the first) holds one account row at version n; `pages` in all. */
function stubServer(db: KeyfieldDb, pages: number, failAt?: number) {
	const requests: { cursor: string | null; storedThen: string | undefined }[] = [];
	const fetch: Fetch = async (_path, init) => {
		const { cursor } = JSON.parse(String(init?.body)) as PullRequest;
		requests.push({ cursor, storedThen: (await getMeta(db, 'cursor'))?.cursor });
		const n = cursor === null ? 1 : Number(cursor.slice(1)) + 1;
		if (n === failAt) return Response.json({ error: { code: 'unavailable', message: 'down', details: {} } }, { status: 503 });
		const page: PullResponse = {
			cursor: `c${n}`,
			hasMore: n < pages,
			scope: [ACME, CATALOG_ACCOUNT_ID],
			changes: [{ table: 'accounts', op: 'put', row: { id: ACME, accountId: ACME, version: n, name: `Acme ${n}`, kind: 'customer' } }],
			lastMutationId: 0
		};
		return Response.json(page);
	};
	return { fetch, requests };
}

async function device() {
	const db = new KeyfieldDb(`keyfield-test-${crypto.randomUUID()}`);
	await setMeta(db, 'user', TECH);
	return db;
}

function run(db: KeyfieldDb, fetch: Fetch) {
	const reports: Partial<SyncState>[] = [];
	const result = pull({ db, fetch, user: TECH, now: () => new Date(), log: console }, (patch) => reports.push(patch));
	return { result, reports };
}

describe('pull', () => {
	it("asks for the next page while the current one is written, and applies them in order with their cursors", async () => {
		const db = await device();
		const server = stubServer(db, 3);
		const { result, reports } = run(db, server.fetch);
		expect((await result).outcome).toEqual({ kind: 'ok' });
		expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c1', 'c2']);
		// Each next page was asked for before the one whose cursor it follows was stored: the two overlapped.
		expect(server.requests.map((r) => r.storedThen)).toEqual([undefined, undefined, 'c1']);
		expect((await getMeta(db, 'cursor'))?.cursor).toBe('c3');
		expect((await db.accounts.get(ACME))?.version).toBe(3);
		expect(reports).toEqual([{ catchingUp: true }, { progress: { done: 1, total: null } }, { progress: { done: 2, total: null } }, { progress: { done: 3, total: null } }, { catchingUp: false }]);
	});

	it('stops at a page that fails, keeping the cursor of the last page applied, and stops catching up', async () => {
		const db = await device();
		const server = stubServer(db, 5, 3);
		const { result, reports } = run(db, server.fetch);
		expect((await result).outcome).toMatchObject({ kind: 'failed' });
		expect((await getMeta(db, 'cursor'))?.cursor).toBe('c2');
		expect(reports.at(-1)).toEqual({ catchingUp: false });
	});

	it('a pull of one page never holds the views', async () => {
		const db = await device();
		const { result, reports } = run(db, stubServer(db, 1).fetch);
		await result;
		expect(reports).toEqual([{ progress: { done: 1, total: null } }]);
	});
});
