/** What the Hosts section shows: a server activation, or one that a queued operation implies. */
import type { HostActivationRow } from '@keyfield/shared';

export interface HostView {
	id: string;
	licenseId: string;
	hostId: string;
	key: string | null; // null until the server signed it
	activatedAt: string;
	activatedByEmail: string | null; // null for a pending activation: the person on this device made it
	deactivatedAt: string | null;
	deactivatedByEmail: string | null;
	movedTo: string | null;
	/** What a queued operation is about to do to this host, or null when the row is as the server has it. */
	pending: 'activate' | 'deactivate' | 'move-away' | null;
	pendingMutationId: number | null;
}

export function toHostView(row: HostActivationRow): HostView {
	return {
		id: row.id,
		licenseId: row.licenseId,
		hostId: row.hostId,
		key: row.key,
		activatedAt: row.activatedAt,
		activatedByEmail: row.activatedByEmail,
		deactivatedAt: row.deactivatedAt,
		deactivatedByEmail: row.deactivatedByEmail,
		movedTo: row.movedTo,
		pending: null,
		pendingMutationId: null
	};
}

/** A host that a queued activation (or the new half of a queued move) will bind. */
export function pendingHost(id: string, licenseId: string, hostId: string, pending: { mutationId: number; createdAt: string }): HostView {
	return {
		id,
		licenseId,
		hostId,
		key: null,
		activatedAt: pending.createdAt,
		activatedByEmail: null,
		deactivatedAt: null,
		deactivatedByEmail: null,
		movedTo: null,
		pending: 'activate',
		pendingMutationId: pending.mutationId
	};
}

/** Holds a seat now or will once the queue is pushed: active and not on its way out. */
export function holdsSeat(host: HostView): boolean {
	return host.deactivatedAt === null && host.pending !== 'deactivate' && host.pending !== 'move-away';
}
