/**
 * The client half of an operation (DESIGN §4): pure functions of (server rows, args), so the optimistic overlay
 * is derived from the outbox and can run in tests. The server half lives in sync-server/src/operations/<name>.ts.
 */
import type { AgreementRow, HostActivationRow, LicenseRow, OperationName, ParsedOperationArgs } from '@keyfield/shared';
import type { HostView } from '../views/host-view.ts';
import type { LicenseView } from '../views/license-view.ts';

/** The server rows an overlay may look at (by id). */
export interface ServerState {
	licenses: ReadonlyMap<string, LicenseRow>;
	/** Only where a view needs them (the agreement screens); an overlay works without. */
	agreements?: ReadonlyMap<string, AgreementRow>;
	/** What earlier queued entries already made of each license (server row + their overlays), by id. */
	views?: ReadonlyMap<string, LicenseView>;
	/** Only the views that show hosts load them; an overlay that needs them shows nothing without. */
	hostActivations?: ReadonlyMap<string, HostActivationRow>;
}

/** Views that replace (by id) or add to what the server rows show. */
export interface Overlay {
	licenses?: LicenseView[];
	/** Seats a queued operation takes from (positive) or gives back to (negative) an agreement's product. */
	agreementSeats?: { agreementId: string; sku: string; seats: number }[];
	hosts?: HostView[];
}

export interface PendingContext {
	mutationId: number;
	createdAt: string;
}

export interface ClientOperation<N extends OperationName> {
	/** The account the operation acts in (for the outbox index and for "pending in this account"). */
	accountId(args: ParsedOperationArgs<N>): string | null;
	overlay(server: ServerState, args: ParsedOperationArgs<N>, pending: PendingContext): Overlay;
	/** Meta values to remember, written in the transaction that queues the operation. */
	remember?(args: ParsedOperationArgs<N>): { key: string; value: unknown }[];
}
