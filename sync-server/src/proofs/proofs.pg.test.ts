// Proof-of-purchase uploads against a real database: limits (type, size, chunk), chunks resumed and sent again,
// the same bytes started twice, a checksum that does not match, isolation between accounts and roles, and the
// vendor's listing and download. Also the synced reminder lead times (`contract.setReminders`).
import { addDays, PROOF_MAX_BYTES, todayIn, type ContractRow } from '@keyfield/shared';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let admin: string;
let tech: string;
let globex: string;
let vendor: string;
let acme: string;
const today = todayIn('UTC');

beforeAll(async () => {
	server = await startTestServer();
	[admin, tech, globex, vendor] = (await Promise.all(['admin@acme.test', 'tech@acme.test', 'admin@globex.test', 'vendor@keyfield.test'].map((e) => server.login(e)))) as [string, string, string, string];
	acme = await server.accountId(admin, 'Acme Field Services');
});
afterAll(() => server?.close());

async function newContract(): Promise<string> {
	const endsOn = addDays(today, 20);
	const cert = await server.call('/api/admin/certificates', { token: vendor, body: { accountId: acme, sku: 'KF-EDGE', quantity: 1, maintenanceEnd: endsOn, serialCount: 1 } });
	const { id: certificateId } = (await cert.json()) as { id: string };
	const res = await server.call('/api/admin/contracts', { token: vendor, body: { accountId: acme, certificateId, startsOn: addDays(endsOn, -364), endsOn, channel: 'online', purchasedOn: addDays(endsOn, -364) } });
	return ((await res.json()) as { id: string }).id;
}

const bytesOf = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function start(contractId: string, file: Uint8Array, extra: Record<string, unknown> = {}, token = admin) {
	const body = { id: crypto.randomUUID(), accountId: acme, contractId, renewalId: crypto.randomUUID(), fileName: 'receipt.png', contentType: 'image/png', size: file.length, sha256: sha(file), ...extra };
	return server.call('/api/uploads', { token, body });
}

function put(id: string, file: Uint8Array, from: number, to: number, token = admin, size = file.length) {
	return server.call(`/api/uploads/${id}`, { method: 'PUT', token, rawBody: file.slice(from, to), headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${from}-${to - 1}/${size}` } });
}

async function code(res: Response): Promise<string> {
	return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('proof-of-purchase uploads', () => {
	it('refuses a wrong type, a file over 10 MB and an oversized chunk, with clear errors', async () => {
		const contractId = await newContract();
		const wrongType = await start(contractId, bytesOf(10), { contentType: 'application/zip', fileName: 'receipt.zip' });
		expect(wrongType.status).toBe(415);
		const body = (await wrongType.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('file_type_not_allowed');
		expect(body.error.message).toContain('JPEG, PNG or WebP');
		const tooBig = await start(contractId, bytesOf(10), { size: PROOF_MAX_BYTES + 1 });
		expect(tooBig.status).toBe(413);
		expect(await code(tooBig)).toBe('file_too_large');

		const file = bytesOf(2 * 1024 * 1024);
		const { id } = (await (await start(contractId, file)).json()) as { id: string };
		const whole = await put(id, file, 0, file.length); // one 2 MiB chunk: over the body limit
		expect(whole.status).toBe(413);
		expect(await code(whole)).toBe('payload_too_large');
		expect((await put(id, file, 0, 10, admin, file.length + 1)).status).toBe(400); // a size other than the upload's
		const noRange = await server.call(`/api/uploads/${id}`, { method: 'PUT', token: admin, rawBody: file.slice(0, 10) });
		expect(noRange.status).toBe(400);
	});

	it('resumes where the server is, stores a chunk sent again once, and answers the first upload for the same bytes', async () => {
		const contractId = await newContract();
		const file = bytesOf(700_000);
		const first = await start(contractId, file);
		expect(first.status).toBe(200);
		const { id, received } = (await first.json()) as { id: string; received: number };
		expect(received).toBe(0);

		expect(await (await put(id, file, 0, 300_000)).json()).toMatchObject({ received: 300_000, complete: false });
		// The response was lost: the device sends the same chunk again, then one that overlaps.
		expect(await (await put(id, file, 0, 300_000)).json()).toMatchObject({ received: 300_000, complete: false });
		expect(await (await put(id, file, 200_000, 500_000)).json()).toMatchObject({ received: 500_000 });
		// A chunk past the end of what the server has says where to resume.
		const gap = await put(id, file, 600_000, 700_000);
		expect(gap.status).toBe(409);
		expect(((await gap.json()) as { error: { details: { received: number } } }).error.details.received).toBe(500_000);
		// After a reload, the same start says how far it got; the same bytes under a new id answer the first upload.
		expect(await (await start(contractId, file, { id })).json()).toMatchObject({ id, received: 500_000, complete: false });
		expect(await (await start(contractId, file)).json()).toMatchObject({ id, received: 500_000 });

		expect(await (await put(id, file, 500_000, 700_000)).json()).toEqual({ id, received: 700_000, size: 700_000, complete: true });
		expect(await (await put(id, file, 500_000, 700_000)).json()).toMatchObject({ complete: true });
		const chunks = await server.db.selectFrom('proof_chunks').select(['start', 'bytes']).where('upload_id', '=', id).orderBy('start').execute();
		expect(chunks.map((c) => c.start)).toEqual([0, 300_000, 500_000]);
		expect(chunks.reduce((n, c) => n + c.bytes.length, 0)).toBe(700_000);
		expect(await server.db.selectFrom('proof_uploads').select('id').where('contract_id', '=', contractId).execute()).toHaveLength(1);

		// The vendor lists it with the contract and downloads exactly these bytes.
		const listing = await server.call(`/api/admin/contracts/${contractId}/proofs`, { token: vendor });
		expect(await listing.json()).toMatchObject({ proofs: [{ id, fileName: 'receipt.png', contentType: 'image/png', size: 700_000, sha256: sha(file), complete: true, uploadedBy: 'admin@acme.test' }] });
		const download = await server.call(`/api/admin/contracts/${contractId}/proofs/${id}`, { token: vendor });
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('image/png');
		expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), file)).toBe(0); // (toEqual walks 700,000 elements slowly)
		expect((await server.call(`/api/admin/contracts/${contractId}/proofs`, { token: admin })).status).toBe(403);
		const journal = await server.db.selectFrom('activity').select('details').where('action', '=', 'contract.proof.upload').execute();
		expect(journal.some((j) => (j.details as { uploadId?: string }).uploadId === id)).toBe(true);
	});

	it('refuses bytes that do not match the checksum and starts again from nothing', async () => {
		const contractId = await newContract();
		const file = bytesOf(1000);
		const { id } = (await (await start(contractId, file)).json()) as { id: string };
		const corrupted = file.slice();
		corrupted[999] = corrupted[999]! ^ 1;
		expect((await put(id, corrupted, 0, 600)).status).toBe(200);
		const last = await put(id, corrupted, 600, 1000);
		expect(last.status).toBe(422);
		expect(await code(last)).toBe('checksum_mismatch');
		expect(await server.db.selectFrom('proof_chunks').select('start').where('upload_id', '=', id).execute()).toEqual([]);
		expect(await (await put(id, file, 0, 1000)).json()).toMatchObject({ received: 1000, complete: true });
	});

	it('another account can neither read nor write an upload; a technician may not attach proof', async () => {
		const contractId = await newContract();
		const file = bytesOf(500);
		const { id } = (await (await start(contractId, file)).json()) as { id: string };
		// Globex's admin: outside Acme's scope, the upload reads like an unknown one.
		const foreignStart = await start(contractId, file, { id }, globex);
		const unknownStart = await start(contractId, file, { id: crypto.randomUUID() }, globex);
		expect([foreignStart.status, unknownStart.status]).toEqual([404, 404]);
		const foreignPut = await put(id, file, 0, 500, globex);
		const unknownPut = await put(crypto.randomUUID(), file, 0, 500, globex);
		expect([foreignPut.status, unknownPut.status]).toEqual([404, 404]);
		expect(((await foreignPut.json()) as { error: { message: string } }).error.message).toBe(((await unknownPut.json()) as { error: { message: string } }).error.message);
		// Its own account, but Acme's contract: unknown there.
		const globexAccount = await server.accountId(globex, 'Globex Industrial');
		expect((await start(contractId, file, { accountId: globexAccount }, globex)).status).toBe(404);
		expect((await put(id, file, 0, 500, tech)).status).toBe(403);
		expect((await server.call(`/api/admin/contracts/${contractId}/proofs/${id}`, { token: vendor })).status).toBe(404); // not complete yet
		expect(await server.db.selectFrom('proof_uploads').select('received').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ received: 0 });
	});
});

describe('contract.setReminders', () => {
	const setReminders = (contractId: string, leads: number[] | null, accountId = acme) => ({ id: 1, name: 'contract.setReminders', createdAt: new Date().toISOString(), args: { contractId, accountId, leads } });
	const pushOne = async (token: string, mutation: unknown) => (await server.push(token, crypto.randomUUID(), [mutation])).body.results[0]!;

	it('an admin sets lead times that every device of the account pulls; another account cannot', async () => {
		const contractId = await newContract();
		expect(await pushOne(admin, setReminders(contractId, [14, 45]))).toMatchObject({ status: 'applied', result: { leads: [45, 14] } });
		const { changes } = await server.pullAll(tech, crypto.randomUUID(), null);
		const row = changes.flatMap((c) => (c.op === 'put' && c.table === 'contracts' ? [c.row as ContractRow] : [])).find((c) => c.id === contractId)!;
		expect(row.reminderLeads).toEqual([45, 14]);
		expect(await pushOne(tech, setReminders(contractId, [3]))).toMatchObject({ status: 'rejected', code: 'not_allowed' });
		expect(await pushOne(admin, setReminders(contractId, [0]))).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		const globexAccount = await server.accountId(globex, 'Globex Industrial');
		expect(await pushOne(globex, setReminders(contractId, [3], globexAccount))).toMatchObject({ status: 'rejected', code: 'contract_unknown' });
		expect(await pushOne(admin, setReminders(contractId, null))).toMatchObject({ status: 'applied', result: { leads: null } });
	});
});
