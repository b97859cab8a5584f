/**
 * `DATABASE_URL=… pnpm exec tsx bench/large-artifact.ts [MiB]` (default 1024): streams an artifact of that size
 * up through the vendor API and back down through a signed link, against the real server as a child process, and
 * prints throughput and the server's resident memory (VmRSS from /proc, sampled every 50 ms) before, at peak
 * during the upload, and at peak during the download. Flat memory = the bytes never sit whole in the server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '@keyfield/shared';
import { ServerProcess } from '../integration/support/server-process.ts';

const MIB = 1024 * 1024;
const size = Number(process.argv[2] ?? 1024) * MIB;

function rssMiB(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
	return Number(line.split(/\s+/)[1]) / 1024;
}

/** Peak RSS while `work` runs. */
async function measure<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number; seconds: number }> {
	let peak = rssMiB(pid);
	const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
	const started = performance.now();
	try {
		const result = await work();
		return { result, peak, seconds: (performance.now() - started) / 1000 };
	} finally {
		clearInterval(timer);
	}
}

/** `size` bytes made on the fly (a repeating 1 MiB random block), hashed as they are sent. */
function generated(hash: ReturnType<typeof createHash>): Readable {
	const block = randomBytes(MIB);
	let sent = 0;
	return new Readable({
		read() {
			if (sent >= size) return this.push(null);
			const chunk = Buffer.from(block.subarray(0, Math.min(MIB, size - sent)));
			hash.update(chunk);
			sent += chunk.length;
			this.push(chunk);
		}
	});
}

function upload(url: string, token: string, body: Readable): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(size) } }, (res) => {
			let text = '';
			res.on('data', (c) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		req.on('error', reject);
		body.pipe(req);
	});
}

const server = await ServerProcess.start();
try {
	const pid = server.pid!;
	const vendorToken = await server.login('vendor@keyfield.test');
	const { id: releaseId } = await server.vendor<{ id: string }>('POST', '/api/admin/releases', { sku: 'KF-EDGE', version: '99.0.0', platform: 'linux-x64', channel: 'beta', publishedOn: '2026-01-01' });
	const ws = await server.workspace('admin');
	const token = await server.login(ws.email);
	const serial = await server.freeSerial(ws.accountId);
	const registration = { company: 'Bench', contactName: 'Bench', email: 'bench@example.test', country: 'ES' };
	const pushed = await fetch(`${server.url}/api/sync/push`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId: crypto.randomUUID(), mutations: [{ id: 1, name: 'license.requestKey', createdAt: new Date().toISOString(), args: { licenseId: crypto.randomUUID(), accountId: ws.accountId, serial, registration } }] })
	});
	if (!pushed.ok) throw new Error(await pushed.text());

	const idle = rssMiB(pid);
	const sent = createHash('sha256');
	const up = await measure(pid, () => upload(`${server.url}/api/admin/releases/${releaseId}/artifacts?fileName=big.bin`, vendorToken, generated(sent)));
	if (up.result.status !== 201) throw new Error(`upload: ${up.result.status} ${up.result.text}`);
	const artifact = JSON.parse(up.result.text) as { id: string; sha256: string };
	const sentSha = sent.digest('hex');

	const link = (await (await fetch(`${server.url}/api/downloads/${artifact.id}/url`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json()) as { url: string };
	const received = createHash('sha256');
	const down = await measure(pid, async () => {
		const res = await fetch(server.url + link.url);
		await pipeline(Readable.fromWeb(res.body! as import('node:stream/web').ReadableStream), async function* (chunks: AsyncIterable<Buffer>) {
			for await (const chunk of chunks) received.update(chunk);
		});
	});
	const receivedSha = received.digest('hex');

	const mib = size / MIB;
	console.log(`artifact: ${mib} MiB; SHA-256 sent = stored = received: ${sentSha === artifact.sha256 && artifact.sha256 === receivedSha}`);
	console.log(`server RSS idle: ${idle.toFixed(0)} MiB`);
	console.log(`upload:   ${(mib / up.seconds).toFixed(0)} MiB/s (${up.seconds.toFixed(1)} s), server RSS peak ${up.peak.toFixed(0)} MiB (+${(up.peak - idle).toFixed(0)})`);
	console.log(`download: ${(mib / down.seconds).toFixed(0)} MiB/s (${down.seconds.toFixed(1)} s), server RSS peak ${down.peak.toFixed(0)} MiB (+${(down.peak - idle).toFixed(0)})`);
} finally {
	await server.close();
}
