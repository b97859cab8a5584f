// What only something other than our server can send (a proxy's error page) or no answer at all. The server's own
// answers through callApi are in test/integration/api.test.ts, against the real sync server.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { callApi, type Fetch } from './api.ts';

const answering = (status: number, body: string, headers: Record<string, string> = {}): Fetch => async () => new Response(body, { status, headers });

describe('callApi', () => {
	it('classifies an answer that is not ours by its status, so retries still happen', async () => {
		const proxy = answering(502, '<html>bad gateway</html>', { 'content-type': 'text/html', 'retry-after': '7' });
		expect(await callApi(proxy, '/api/keys', z.unknown())).toEqual({ ok: false, status: 502, code: 'unavailable', message: 'HTTP 502', details: {}, retryAfterSeconds: 7 });
		expect(await callApi(answering(404, 'Not Found'), '/api/keys', z.unknown())).toMatchObject({ ok: false, status: 404, code: 'bad_request' });
	});

	it('answers no response at all with status 0', async () => {
		const offline: Fetch = () => Promise.reject(new TypeError('fetch failed'));
		expect(await callApi(offline, '/api/keys', z.unknown())).toMatchObject({ ok: false, status: 0, code: 'unavailable' });
	});
});
