import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { serveWeb } from './static.ts';

const dir = mkdtempSync(join(tmpdir(), 'kf-web-'));
mkdirSync(join(dir, '_app/immutable/entry'), { recursive: true });
writeFileSync(join(dir, '200.html'), '<!doctype html><title>shell</title>');
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title>');
writeFileSync(join(dir, '_app/immutable/entry/app.abc123.js'), 'console.log(1)');
writeFileSync(join(dir, 'service-worker.js'), 'self.skipWaiting()');
writeFileSync(join(dir, 'manifest.webmanifest'), '{}');
writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
const script = 'console.log("precompressed");'.repeat(50);
writeFileSync(join(dir, '_app/immutable/entry/big.js'), script);
writeFileSync(join(dir, '_app/immutable/entry/big.js.br'), brotliCompressSync(script));
writeFileSync(join(dir, '_app/immutable/entry/big.js.gz'), gzipSync(script));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const app = new Hono().use('*', serveWeb(dir)).all('*', (c) => c.text('fell through', 404));
const html = { headers: { accept: 'text/html,application/xhtml+xml' } };

describe('serving the PWA', () => {
	it('caches hashed assets for a year and revalidates the worker, manifest and HTML', async () => {
		const asset = await app.request('/_app/immutable/entry/app.abc123.js');
		expect(asset.status).toBe(200);
		expect(asset.headers.get('content-type')).toMatch(/javascript/);
		expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		for (const path of ['/service-worker.js', '/manifest.webmanifest', '/', '/index.html']) {
			expect((await app.request(path)).headers.get('cache-control'), path).toBe('no-cache');
		}
		expect((await app.request('/manifest.webmanifest')).headers.get('content-type')).toBe('application/manifest+json');
		expect(await (await app.request('/')).text()).toContain('home');
	});

	it('answers deep links that want HTML with the SPA shell, other misses fall through', async () => {
		const deep = await app.request('/licenses/123', html);
		expect(deep.status).toBe(200);
		expect(await deep.text()).toContain('shell');
		expect(deep.headers.get('cache-control')).toBe('no-cache');
		expect((await app.request('/missing.png')).status).toBe(404);
	});

	it("sends the build's compressed copy a browser accepts, brotli first, and the file itself to anyone else", async () => {
		const path = '/_app/immutable/entry/big.js';
		const br = await app.request(path, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('vary')).toBe('Accept-Encoding');
		expect(br.headers.get('content-type')).toMatch(/javascript/);
		expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(script);
		const gz = await app.request(path, { headers: { 'accept-encoding': 'gzip;q=1.0' } });
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
		const plain = await app.request(path);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(Number(plain.headers.get('content-length'))).toBe(script.length);
		expect(await plain.text()).toBe(script);
		// A file the build did not compress is sent as it is, whatever the browser accepts.
		const small = await app.request('/robots.txt', { headers: { 'accept-encoding': 'br' } });
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.text()).toBe('User-agent: *');
	});

	it('never serves files outside the build directory', async () => {
		for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%00']) {
			const res = await app.request(path, html);
			expect(await res.text(), path).not.toMatch(/root:|"name"/);
		}
	});

	it('says the web app is not built instead of crashing', async () => {
		const empty = mkdtempSync(join(tmpdir(), 'kf-noweb-'));
		const res = await new Hono().use('*', serveWeb(join(empty, 'build'))).request('/', html);
		expect(res.status).toBe(503);
		expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/not built/);
		rmSync(empty, { recursive: true, force: true });
	});
});
