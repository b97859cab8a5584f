/** A license's hosts for the Hosts section: server rows + the overlays of queued host operations. */
import { liveQuery, type Observable } from 'dexie';
import type { HostActivationRow } from '@keyfield/shared';
import { getDb, type KeyfieldDb, type OutboxEntry } from '../db/db.ts';
import { signedInEntries } from '../ops/outbox.ts';
import { overlayOf } from '../ops/registry.ts';
import { toHostView, type HostView } from './host-view.ts';

const HOST_OPERATIONS = new Set(['host.activate', 'host.deactivate', 'host.move']);

function forLicense(entry: OutboxEntry, licenseId: string): boolean {
	return HOST_OPERATIONS.has(entry.name) && (entry.args as { licenseId?: unknown } | null)?.licenseId === licenseId;
}

/** Entries apply in queue order, so a later operation on a host sees (and replaces) what an earlier one showed. */
export function hostsWithOverlay(rows: readonly HostActivationRow[], entries: readonly OutboxEntry[]): HostView[] {
	const server = { licenses: new Map(), hostActivations: new Map(rows.map((row) => [row.id, row])) };
	const views = new Map(rows.map((row) => [row.id, toHostView(row)]));
	for (const entry of entries) {
		for (const view of overlayOf(entry, server).hosts ?? []) views.set(view.id, view);
	}
	// Newest first: the host someone just activated is the one they look for.
	return [...views.values()].sort((a, b) => b.activatedAt.localeCompare(a.activatedAt) || a.id.localeCompare(b.id));
}

export function hostsView(licenseId: string, db: KeyfieldDb = getDb()): Observable<HostView[]> {
	return liveQuery(async () => {
		const rows = await db.host_activations.where('licenseId').equals(licenseId).toArray();
		const entries = (await signedInEntries(db)).filter((entry) => forLicense(entry, licenseId));
		return hostsWithOverlay(rows, entries);
	});
}
