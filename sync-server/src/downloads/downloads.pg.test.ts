import { createHash } from 'node:crypto';
import { CATALOG_ACCOUNT_ID, type ReleaseRow } from '@keyfield/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadSecret } from '../db/releases.repository.ts';
import { requestKey, startTestServer, type TestServer } from '../test/harness.ts';
import { signDownload } from './signed-url.ts';

let server: TestServer;
let vendor: string;
let acmeAdmin: string;
let acme: string;
let releases: ReleaseRow[];

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const artifactOf = (sku: string, version: string) => releases.find((r) => r.sku === sku && r.releaseVersion === version)!.artifacts[0]!;

async function json<T>(res: Response, status: number): Promise<T> {
	const body = await res.json();
	expect(res.status, JSON.stringify(body)).toBe(status);
	return body as T;
}

async function register(token: string, accountId: string, sku: string, maintenanceEnd: string) {
	const { serials } = await json<{ serials: string[] }>(
		await server.call('/api/admin/certificates', { token: vendor, body: { accountId, sku, quantity: 1, maintenanceEnd, serialCount: 1 } }),
		201
	);
	const { body } = await server.push(token, crypto.randomUUID(), [requestKey(1, { accountId, serial: serials[0]! })]);
	expect(body.results[0]).toMatchObject({ status: 'applied' });
}

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const link = (token: string | null, artifactId: string) => server.call(`/api/downloads/${artifactId}/url`, { method: 'POST', token });

beforeAll(async () => {
	server = await startTestServer();
	vendor = await server.login('vendor@keyfield.test');
	acmeAdmin = await server.login('admin@acme.test');
	acme = await server.accountId(acmeAdmin, 'Acme Field Services');
	const { changes } = await server.pullAll(acmeAdmin, crypto.randomUUID(), null);
	releases = changes.flatMap((c) => (c.op === 'put' && c.table === 'releases' ? [c.row as ReleaseRow] : []));
	// Acme: KF-EDGE with maintenance running; KF-SCAN whose maintenance ended 200 days ago (8.0.0 came out 60 days ago).
	await register(acmeAdmin, acme, 'KF-EDGE', daysFromNow(365));
	await register(acmeAdmin, acme, 'KF-SCAN', daysFromNow(-200));
});
afterAll(() => server?.close());

describe('releases as catalog data', () => {
	it('sync to every user with their artifacts, in the catalog account', () => {
		expect(releases.length).toBeGreaterThanOrEqual(7);
		for (const r of releases) expect(r.accountId).toBe(CATALOG_ACCOUNT_ID);
		expect(artifactOf('KF-EDGE', '5.2.0')).toMatchObject({ fileName: expect.stringMatching(/\.(msi|tar\.gz)$/), size: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
	});
});

describe('vendor release API', () => {
	const release = { sku: 'KF-VAULT', version: '9.9.0', platform: 'linux-x64', channel: 'stable', notes: 'Test build.', publishedOn: '2026-01-15' };

	it('is for vendor operators only and validates', async () => {
		await json(await server.call('/api/admin/releases', { body: release }), 401);
		await json(await server.call('/api/admin/releases', { token: acmeAdmin, body: release }), 403);
		await json(await server.call('/api/admin/releases', { token: vendor, body: { ...release, sku: 'NOPE' } }), 404);
		for (const bad of [{ ...release, channel: 'nightly' }, { ...release, platform: 'Windows 11' }, { ...release, publishedOn: 'today' }, []]) {
			expect(await json(await server.call('/api/admin/releases', { token: vendor, body: bad }), 400)).toMatchObject({ error: { code: 'validation_failed' } });
		}
	});

	it('streams an upload past the JSON body limit, checks a given digest, and syncs the new artifact', async () => {
		const { id } = await json<{ id: string }>(await server.call('/api/admin/releases', { token: vendor, body: release }), 201);
		expect(await json(await server.call('/api/admin/releases', { token: vendor, body: release }), 409)).toMatchObject({ error: { code: 'conflict' } });
		const big = new Uint8Array(3 * 1024 * 1024 + 17); // three times the JSON limit
		crypto.getRandomValues(big.subarray(0, 65536));
		const upload = (query: string, body: Uint8Array<ArrayBuffer>, token = vendor) =>
			server.call(`/api/admin/releases/${id}/artifacts?${query}`, { token, rawBody: body, headers: { 'content-type': 'application/gzip' } });
		expect(await json(await upload('fileName=x.tar.gz', big, acmeAdmin), 403)).toMatchObject({ error: { code: 'forbidden' } });
		expect(await json(await upload(`fileName=x.tar.gz&sha256=${'0'.repeat(64)}`, big), 422)).toMatchObject({ error: { code: 'checksum_mismatch', details: { sha256: sha(big) } } });
		expect(await json(await upload('fileName=..%2Fetc%2Fpasswd', big), 400)).toMatchObject({ error: { code: 'validation_failed' } });
		const created = await json<{ id: string; sha256: string; size: number }>(await upload(`fileName=vault-9.9.0.tar.gz&sha256=${sha(big)}`, big), 201);
		expect(created).toMatchObject({ sha256: sha(big), size: big.length });
		expect(await json(await upload('fileName=vault-9.9.0.tar.gz', big), 409)).toMatchObject({ error: { code: 'conflict' } });
		await json(await server.call(`/api/admin/releases/${crypto.randomUUID()}/artifacts?fileName=a.bin`, { token: vendor, rawBody: big }), 404);
		expect(await server.blobs.size(sha(big))).toBe(big.length);

		const { changes } = await server.pullAll(acmeAdmin, crypto.randomUUID(), null);
		const synced = changes.find((c) => c.op === 'put' && c.table === 'releases' && c.row.id === id);
		expect(synced).toMatchObject({ row: { releaseVersion: '9.9.0', productName: 'Keyfield Vault', artifacts: [{ id: created.id, fileName: 'vault-9.9.0.tar.gz', size: big.length, sha256: sha(big), contentType: 'application/gzip' }] } });
		const journal = await server.db.selectFrom('activity').select('details').where('action', '=', 'admin.artifact.upload').execute();
		expect(journal).toContainEqual({ details: expect.objectContaining({ id: created.id, sha256: sha(big) }) });
	});
});

describe('racing vendors', () => {
	it('two creations of one release: one wins, the other is told; identical bytes uploaded at once share one blob', async () => {
		const release = { sku: 'KF-EDGE', version: '7.0.0', platform: 'any', channel: 'beta', publishedOn: '2026-02-01' };
		const created = await Promise.all([1, 2].map(() => server.call('/api/admin/releases', { token: vendor, body: release })));
		expect(created.map((r) => r.status).sort()).toEqual([201, 409]);
		const { id } = (await created.find((r) => r.status === 201)!.json()) as { id: string };
		const bytes = new Uint8Array(256 * 1024);
		crypto.getRandomValues(bytes.subarray(0, 65536));
		const uploads = await Promise.all(
			['a.bin', 'b.bin', 'c.bin'].map((name) => server.call(`/api/admin/releases/${id}/artifacts?fileName=${name}`, { token: vendor, rawBody: bytes }))
		);
		for (const res of uploads) expect(await json(res, 201)).toMatchObject({ sha256: sha(bytes), size: bytes.length });
		expect(await server.blobs.size(sha(bytes))).toBe(bytes.length);
	});
});

describe('entitlement when signing a link', () => {
	it('active maintenance gives every release, beta included, to admins and technicians of the account and its partner', async () => {
		for (const email of ['admin@acme.test', 'tech@acme.test', 'partner@northwind.test']) {
			const token = await server.login(email);
			for (const version of ['5.1.0', '5.2.0', '5.3.0-beta.1']) {
				const body = await json<{ url: string; expiresAt: string; sha256: string }>(await link(token, artifactOf('KF-EDGE', version).id), 200);
				expect(body.url).toMatch(/^\/api\/downloads\/file\?/);
				expect(body.sha256).toBe(artifactOf('KF-EDGE', version).sha256);
				expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
			}
		}
	});

	it('expired maintenance gives only releases published on or before its end, and says why', async () => {
		await json(await link(acmeAdmin, artifactOf('KF-SCAN', '7.5.0').id), 200);
		expect(await json(await link(acmeAdmin, artifactOf('KF-SCAN', '8.0.0').id), 403)).toMatchObject({
			error: { code: 'not_entitled', details: { reason: 'maintenance_ended', maintenanceEnd: daysFromNow(-200) } }
		});
	});

	it('no license, or only another account’s, gives nothing', async () => {
		await json(await link(acmeAdmin, artifactOf('KF-VAULT', '3.1.0').id), 403); // Acme holds no registered Vault license here
		const globex = await server.login('admin@globex.test');
		for (const [sku, version] of [['KF-EDGE', '5.2.0'], ['KF-SCAN', '7.5.0']] as const) {
			expect(await json(await link(globex, artifactOf(sku, version).id), 403)).toMatchObject({ error: { code: 'not_entitled', details: { reason: 'no_license' } } });
		}
	});

	it('needs a session and a real artifact id', async () => {
		await json(await link(null, artifactOf('KF-EDGE', '5.2.0').id), 401);
		expect(await json(await link(acmeAdmin, 'not-a-uuid'), 400)).toMatchObject({ error: { code: 'validation_failed' } });
		expect(await json(await link(acmeAdmin, crypto.randomUUID()), 404)).toMatchObject({ error: { code: 'not_found' } });
	});
});

describe('serving a signed link', () => {
	async function signed(version = '5.2.0') {
		const artifact = artifactOf('KF-EDGE', version);
		const { url } = await json<{ url: string }>(await link(acmeAdmin, artifact.id), 200);
		return { artifact, url };
	}

	it('serves the whole file without cookies, with the headers a download manager needs, and journals it', async () => {
		const { artifact, url } = await signed();
		const res = await server.call(url);
		expect(res.status).toBe(200);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect(sha(bytes)).toBe(artifact.sha256);
		expect(res.headers.get('content-length')).toBe(String(artifact.size));
		expect(res.headers.get('etag')).toBe(`"${artifact.sha256}"`);
		expect(res.headers.get('accept-ranges')).toBe('bytes');
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${artifact.fileName}"; filename*=UTF-8''${encodeURIComponent(artifact.fileName)}`);
		const journal = await server.db.selectFrom('activity').selectAll().where('action', '=', 'download.file').execute();
		expect(journal.at(-1)).toMatchObject({ account_id: acme, ip: '203.0.113.7', details: expect.objectContaining({ artifactId: artifact.id, sha256: artifact.sha256 }) });
	});

	it('resumes with Range: the pieces put together have the SHA-256', async () => {
		const { artifact, url } = await signed();
		const cut = 12_345;
		const head = await server.call(url, { headers: { range: `bytes=0-${cut - 1}` } });
		expect(head.status).toBe(206);
		expect(head.headers.get('content-range')).toBe(`bytes 0-${cut - 1}/${artifact.size}`);
		const tail = await server.call(url, { headers: { range: `bytes=${cut}-`, 'if-range': `"${artifact.sha256}"` } });
		expect(tail.status).toBe(206);
		expect(tail.headers.get('content-length')).toBe(String(artifact.size - cut));
		const whole = Buffer.concat([Buffer.from(await head.arrayBuffer()), Buffer.from(await tail.arrayBuffer())]);
		expect(sha(whole)).toBe(artifact.sha256);

		const suffix = await server.call(url, { headers: { range: 'bytes=-100' } });
		expect([suffix.status, suffix.headers.get('content-range')]).toEqual([206, `bytes ${artifact.size - 100}-${artifact.size - 1}/${artifact.size}`]);
		expect(Buffer.from(await suffix.arrayBuffer())).toEqual(whole.subarray(artifact.size - 100));
		const beyond = await server.call(url, { headers: { range: `bytes=${artifact.size}-` } });
		expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, `bytes */${artifact.size}`]);
		expect(await beyond.json()).toMatchObject({ error: { code: 'range_not_satisfiable' } });
		const stale = await server.call(url, { headers: { range: 'bytes=0-9', 'if-range': '"something-else"' } });
		expect([stale.status, stale.headers.get('content-length')]).toEqual([200, String(artifact.size)]);
		await stale.arrayBuffer();
	});

	it('refuses a tampered link and an expired one', async () => {
		const { url } = await signed();
		const other = artifactOf('KF-EDGE', '5.1.0').id;
		const params = new URL(url, 'http://x').searchParams;
		for (const [name, value] of [['a', other], ['u', crypto.randomUUID()], ['c', crypto.randomUUID()], ['e', String(Number(params.get('e')) + 3600)], ['s', 'AAAA']]) {
			const forged = new URLSearchParams(params);
			forged.set(name!, value!);
			expect(await json(await server.call(`/api/downloads/file?${forged}`), 403)).toMatchObject({ error: { code: 'download_link_invalid' } });
		}
		expect(await json(await server.call('/api/downloads/file?a=1'), 403)).toMatchObject({ error: { code: 'download_link_invalid' } });
		const secret = await downloadSecret(server.db);
		const expired = signDownload(secret, { artifactId: other, userId: params.get('u')!, accountId: acme, expires: Math.floor(Date.now() / 1000) - 1 });
		expect(await json(await server.call(expired), 410)).toMatchObject({ error: { code: 'download_link_expired' } });
	});
});
