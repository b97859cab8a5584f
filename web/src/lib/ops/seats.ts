/**
 * The client halves of `order.place`, `seat.assign` and `seat.release`. None changes a license, so the overlays are
 * empty: the seat views read the queued entries themselves (views/seats.ts) and count them against the pools.
 */
import type { ClientOperation } from './client-operation.ts';

export const orderPlace: ClientOperation<'order.place'> = { accountId: (args) => args.accountId, overlay: () => ({}) };
export const seatAssign: ClientOperation<'seat.assign'> = { accountId: (args) => args.accountId, overlay: () => ({}) };
export const seatRelease: ClientOperation<'seat.release'> = { accountId: (args) => args.accountId, overlay: () => ({}) };
