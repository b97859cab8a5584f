// GET /api/docs: openapi.json as a page that works with no network beyond this server (no script, nothing external).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

describe('GET /api/docs', () => {
	it('answers 200 HTML listing every operation by tag, loading nothing from elsewhere', async () => {
		const res = await server.call('/api/docs');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
		const html = await res.text();
		expect(html).toMatch(/<span class="m post">post<\/span> <code>\/api\/sync\/push<\/code>/);
		expect(html).toContain('<code>/api/admin/webhooks/{id}/deliveries</code>');
		expect(html).toContain('<h2 id="integrations">');
		expect(html).not.toMatch(/<script|src="http|href="http/);
		const doc = (await (await server.call('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
		const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
		expect(html.match(/<details>/g)).toHaveLength(operations);
	});
});
