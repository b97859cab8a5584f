// The HTTP fuzzer: thousands of malformed and hostile requests to every documented endpoint (openapi/routes.ts, so a
// new route is fuzzed the day it is documented), signed out, with a forged session and API token, as a technician and as the vendor.
// Every answer is < 500 and every error has the error shape; afterwards the server is healthy and its data intact.
import { ErrorBody, PROTOCOL_VERSION, SCHEMA_VERSION } from '@keyfield/shared';
import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteDoc } from '../../sync-server/src/openapi/routes.ts';
import { RealServer } from './support/server.ts';

const BODY_LIMIT = 1024 * 1024; // the server's default (app.ts)
let server: RealServer;
const tokens: Record<string, string | null> = { none: null, forged: 'x'.repeat(43), forgedApiToken: `kf_live_${'x'.repeat(43)}` };

beforeAll(async () => {
	server = await RealServer.start();
	const ws = await server.workspace('admin');
	tokens.user = await server.login(ws.email);
	tokens.vendor = await server.login('vendor@keyfield.test');
});
afterAll(() => server?.close());

const sqlish = fc.constantFrom("'; drop table licenses; --", '" or 1=1 --', '\\x00', '%00', '../../etc/passwd', '$1', '{{7*7}}', '<script>alert(1)</script>', '\u202e', '💥'.repeat(50));
const hostileString = fc.oneof(sqlish, fc.string({ unit: 'binary', maxLength: 200 }), fc.constant('9'.repeat(400)), fc.uuid(), fc.constant(''));
const hostileValue = fc.oneof(hostileString, fc.jsonValue({ maxDepth: 3 }), fc.integer(), fc.double(), fc.constant(null), fc.constant(-1), fc.constant(2 ** 53));

/** Raw request bodies: broken JSON, wrong types, deep nesting, huge, and almost-right envelopes with hostile fields. */
const body = fc.oneof(
	fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
	hostileString,
	fc.constantFrom('{', '{"a":', 'null', '[]', '{"__proto__":{"admin":true}}', '\u0000', '{"mutations":"all"}'),
	fc.nat({ max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
	fc.constant(JSON.stringify({ blob: 'x'.repeat(BODY_LIMIT + 1000) })),
	fc.dictionary(fc.constantFrom('email', 'password', 'name', 'kind', 'accountId', 'role', 'sku', 'quantity', 'serialCount', 'maintenanceEnd', 'cursor', 'clientId'), hostileValue).map((o) => JSON.stringify(o)),
	fc
		.record({
			protocolVersion: fc.oneof(fc.constant(PROTOCOL_VERSION), hostileValue),
			schemaVersion: fc.oneof(fc.constant(SCHEMA_VERSION), hostileValue),
			clientId: fc.oneof(fc.uuid(), hostileValue),
			cursor: fc.oneof(fc.constant(null), hostileString, fc.constant('v1.00000000-0000-4000-8000-000000000000')),
			mutations: fc.array(
				fc.record({ id: fc.oneof(fc.integer({ min: -2, max: 5 }), hostileValue), name: fc.oneof(fc.constant('license.requestKey'), hostileString), args: fc.oneof(hostileValue, fc.dictionary(hostileString, hostileValue)), createdAt: fc.oneof(fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())), hostileValue) }),
				{ maxLength: 4 }
			)
		})
		.map((o) => JSON.stringify(o))
);

const pathParam = fc.oneof(fc.uuid(), hostileString.map(encodeURIComponent));
const query = fc.dictionary(fc.constantFrom('accountId', 'boxed', 'x', 'cursor', 'after', 'sort', 'q', 'kind', 'limit', 'dryRun'), hostileString, { maxKeys: 2 });

/**
 * One request on a connection of its own (node:http, no keep-alive pool: a connection the server closes after
 * refusing an oversized upload must not be reused by the next request). A body over the limit is sent with
 * `Expect: 100-continue`, so the server can answer 413 from the headers before a byte of it travels. An event
 * stream that opens counts as answered.
 */
function send(method: string, url: string, headers: Record<string, string>, payload: string | null): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const length = payload === null ? 0 : Buffer.byteLength(payload);
		const big = length > BODY_LIMIT;
		const req = request(url, {
			method,
			agent: false,
			headers: { ...headers, ...(payload !== null ? { 'content-length': String(length) } : {}), ...(big ? { expect: '100-continue' } : {}) }
		});
		req.on('response', (res) => {
			if (res.headers['content-type']?.startsWith('text/event-stream')) {
				req.destroy();
				return resolve({ status: res.statusCode ?? 0, text: '' });
			}
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			res.on('error', reject);
		});
		req.on('error', reject);
		if (big) req.on('continue', () => req.end(payload));
		else req.end(payload ?? undefined);
	});
}

function hostileRequest(route: RouteDoc, auth: string, search: Record<string, string>, payload: string | null) {
	const url = new URL(server.url + route.path.replace(/\{\w+\}/g, () => fc.sample(pathParam, 1)[0]!));
	for (const [k, v] of Object.entries(search)) url.searchParams.set(k, v);
	const headers: Record<string, string> = {};
	if (tokens[auth]) headers.authorization = `Bearer ${tokens[auth]}`;
	if (payload !== null) headers['content-type'] = 'application/json';
	return send(route.method.toUpperCase(), url.toString(), headers, payload);
}

describe('HTTP fuzzer', () => {
	it('answers every hostile request to every endpoint with < 500 and the error shape, and stays healthy', async () => {
		const before = await server.db.selectFrom('licenses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		let sent = 0;
		const failures: string[] = [];
		for (const route of routes) {
			for (const auth of Object.keys(tokens)) {
				await fc.assert(
					fc.asyncProperty(body, query, async (payload, search) => {
						const what = `${route.method} ${route.path} as ${auth} with ${payload.length} bytes: ${payload.slice(0, 80)}`;
						let res: { status: number; text: string };
						try {
							res = await hostileRequest(route, auth, search, route.method === 'get' ? null : payload);
						} catch (err) {
							failures.push(`${what}: ${String(err)}`);
							return;
						}
						sent++;
						let shaped = res.status < 400;
						if (!shaped) {
							try {
								shaped = ErrorBody.safeParse(JSON.parse(res.text)).success;
							} catch {
								shaped = false;
							}
						}
						if (res.status >= 500 || !shaped) failures.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
					}),
					{ numRuns: Number(process.env.FUZZ_RUNS ?? 40) }
				);
			}
		}
		expect(failures.slice(0, 10)).toEqual([]);
		expect(sent).toBeGreaterThan(routes.length * Object.keys(tokens).length * Number(process.env.FUZZ_RUNS ?? 40) * 0.9);
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
		const big = await send('POST', `${server.url}/api/sync/push`, { 'content-type': 'application/json' }, JSON.stringify({ blob: 'x'.repeat(BODY_LIMIT) }));
		expect(big.status).toBe(413);
		expect(ErrorBody.parse(JSON.parse(big.text)).error.code).toBe('payload_too_large');
		const after = await server.db.selectFrom('licenses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n)); // no hostile body registered anything
	}, 300_000);
});
