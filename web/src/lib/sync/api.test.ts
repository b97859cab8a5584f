import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi } from './api.ts';
import { error, type FakeServer } from './testing/fake-server.ts';
import { browserFetch, seededServer } from './testing/fixtures.ts';

let server: FakeServer;
beforeEach(async () => (server = await seededServer()));
afterEach(() => server.stop());

describe('callApi', () => {
	it('returns the parsed body, or the server error as data', async () => {
		const fetch = browserFetch(server);
		expect(await callApi(fetch, '/api/keys', z.object({ keys: z.array(z.unknown()) }))).toEqual({ ok: true, data: { keys: [] } });
		expect(await callApi(fetch, '/api/auth/me', z.unknown())).toMatchObject({ ok: false, status: 401, code: 'unauthorized' });
		server.intercept = () => ({ ...error(409, 'mutation_gap', 'Gap.', { lastMutationId: 4 }) });
		expect(await callApi(fetch, '/api/sync/push', z.unknown(), {})).toMatchObject({ status: 409, code: 'mutation_gap', details: { lastMutationId: 4 } });
	});

	it('classifies answers that are not ours, a body that does not parse, and no answer at all', async () => {
		const fetch = browserFetch(server);
		server.intercept = () => ({ status: 502, body: '<html>bad gateway</html>' });
		expect(await callApi(fetch, '/api/keys', z.unknown())).toMatchObject({ ok: false, status: 502, code: 'unavailable' });
		server.intercept = () => ({ status: 200, body: { keys: 'nope' } });
		expect(await callApi(fetch, '/api/keys', z.object({ keys: z.array(z.unknown()) }))).toMatchObject({ ok: false, code: 'internal' });
		await server.stop();
		expect(await callApi(fetch, '/api/keys', z.unknown())).toMatchObject({ ok: false, status: 0, code: 'unavailable' });
	});
});
