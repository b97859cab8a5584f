// The Hosts section's data over Dexie alone: queued host operations overlaid on the server rows.
import type { HostActivationRow } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { KeyfieldDb } from '../db/db.ts';
import { setMeta } from '../db/meta.ts';
import { enqueue } from '../ops/enqueue.ts';
import { holdsSeat } from './host-view.ts';
import { hostsView } from './hosts.ts';

const ACME = '11111111-1111-4111-8111-111111111111';
const LICENSE = '22222222-2222-4222-8222-222222222222';
const TECH = { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'tech@acme.test', name: 'Tess Tech', vendor: false };

function serverRow(overrides: Partial<HostActivationRow> = {}): HostActivationRow {
	return {
		id: crypto.randomUUID(),
		accountId: ACME,
		version: 3,
		licenseId: LICENSE,
		hostId: 'SRV-01',
		key: 'KF1.x.y',
		activatedAt: '2026-11-20T10:00:00.000Z',
		activatedBy: TECH.id,
		activatedByEmail: TECH.email,
		deactivatedAt: null,
		deactivatedByEmail: null,
		movedTo: null,
		...overrides
	};
}

async function signedIn(): Promise<KeyfieldDb> {
	const db = new KeyfieldDb(`keyfield-test-${crypto.randomUUID()}`);
	await setMeta(db, 'user', TECH);
	return db;
}

function current<T>(observable: { subscribe(next: (v: T) => void): { unsubscribe(): void } }): Promise<T> {
	return new Promise((resolve) => {
		const sub = observable.subscribe((v) => {
			resolve(v);
			queueMicrotask(() => sub.unsubscribe());
		});
	});
}

describe('hostsView', () => {
	it('shows a queued activation as pending with the normalised host id, then the server row in its place', async () => {
		const db = await signedIn();
		const activationId = crypto.randomUUID();
		await enqueue('host.activate', { activationId, licenseId: LICENSE, hostId: '00:1a:2b:3c:4d:5e' }, db);
		const [pending] = await current(hostsView(LICENSE, db));
		expect(pending).toMatchObject({ id: activationId, hostId: '001A2B3C4D5E', key: null, pending: 'activate', pendingMutationId: 1 });
		expect(holdsSeat(pending!)).toBe(true);

		await db.host_activations.put(serverRow({ id: activationId, hostId: '001A2B3C4D5E' }));
		expect(await current(hostsView(LICENSE, db))).toEqual([expect.objectContaining({ id: activationId, pending: null, key: 'KF1.x.y' })]);
	});

	it('shows a queued deactivation and move without freeing or taking a second seat', async () => {
		const db = await signedIn();
		const [a, b] = [serverRow(), serverRow({ hostId: 'SRV-02' })];
		await db.host_activations.bulkPut([a, b]);
		const newActivationId = crypto.randomUUID();
		await enqueue('host.deactivate', { activationId: a.id, licenseId: LICENSE }, db);
		await enqueue('host.move', { activationId: b.id, licenseId: LICENSE, newActivationId, newHostId: 'srv-03' }, db);
		const hosts = await current(hostsView(LICENSE, db));
		const byId = new Map(hosts.map((h) => [h.id, h]));
		expect(byId.get(a.id)).toMatchObject({ pending: 'deactivate' });
		expect(byId.get(b.id)).toMatchObject({ pending: 'move-away', movedTo: newActivationId });
		expect(byId.get(newActivationId)).toMatchObject({ hostId: 'SRV-03', pending: 'activate' });
		expect(hosts.filter(holdsSeat).map((h) => h.hostId)).toEqual(['SRV-03']);
	});

	it('refuses a malformed host id before anything is queued', async () => {
		const db = await signedIn();
		await expect(enqueue('host.activate', { activationId: crypto.randomUUID(), licenseId: LICENSE, hostId: 'host#1' }, db)).rejects.toMatchObject({
			issues: [expect.objectContaining({ path: ['hostId'], message: expect.stringContaining('not "#"') })]
		});
		expect(await db.outbox.count()).toBe(0);
	});
});
