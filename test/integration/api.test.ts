// callApi against the real server: bodies parsed with the shared schemas, the server's errors returned as data.
import { PROTOCOL_VERSION, PublicKeysResponse, SCHEMA_VERSION } from '@keyfield/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callApi } from '../../web/src/lib/sync/api.ts';
import { newDevice, registration, signIn, type Device } from './support/device.ts';
import { RealServer } from './support/server.ts';

let server: RealServer;
let device: Device;

beforeAll(async () => {
	server = await RealServer.start();
});
afterAll(() => server?.close());
afterEach(() => device?.db.close());

describe('callApi', () => {
	it('returns the parsed body, or the server error as data', async () => {
		device = newDevice(server);
		expect(await callApi(device.fetch, '/api/keys', PublicKeysResponse)).toEqual({
			ok: true,
			data: { keys: [expect.objectContaining({ kid: server.harness.signer.kid, alg: 'Ed25519' })] }
		});
		expect(await callApi(device.fetch, '/api/auth/me', z.unknown())).toMatchObject({ ok: false, status: 401, code: 'unauthorized' });

		const ws = await server.workspace();
		await signIn(device, ws.email);
		const mutation = (id: number) => ({
			id,
			name: 'license.requestKey',
			createdAt: new Date().toISOString(),
			args: { licenseId: crypto.randomUUID(), accountId: ws.accountId, serial: 'S-00000-00000-00000-00000', registration }
		});
		const clientId = crypto.randomUUID();
		const push = (ids: number[]) =>
			callApi(device.fetch, '/api/sync/push', z.unknown(), { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, mutations: ids.map(mutation) });
		expect(await push([1, 2, 3, 4])).toMatchObject({ ok: true });
		expect(await push([6])).toMatchObject({ ok: false, status: 409, code: 'mutation_gap', details: { lastMutationId: 4 } });
	});

	it('classifies a body that does not parse, and no answer at all', async () => {
		device = newDevice(server);
		expect(await callApi(device.fetch, '/api/keys', z.object({ keys: z.string() }))).toMatchObject({ ok: false, status: 200, code: 'internal' });
		device.network.down = true;
		expect(await callApi(device.fetch, '/api/keys', z.unknown())).toMatchObject({ ok: false, status: 0, code: 'unavailable' });
	});
});
