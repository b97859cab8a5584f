/** Rejections of seat operations (order.place, seat.assign, seat.release) in words a person can act on, and their labels. */
import { ErrorCode } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';
import type { RejectionText } from './problems.ts';
import type { AttentionItem } from '../db/db.ts';

export const SEAT_REJECTIONS: readonly string[] = [
	ErrorCode.packageUnknown,
	ErrorCode.orderPriceChanged,
	ErrorCode.orderIdTaken,
	ErrorCode.seatsUnavailable,
	ErrorCode.seatAlreadyAssigned,
	ErrorCode.assignmentUnknown,
	ErrorCode.assignmentIdTaken
];

export function seatsRejectionText(code: string): RejectionText {
	switch (code) {
		case ErrorCode.packageUnknown:
			return { reason: m.seats_reject_package_unknown(), next: m.seats_next_review_cart(), retryable: true };
		case ErrorCode.orderPriceChanged:
			return { reason: m.seats_reject_price_changed(), next: m.seats_next_review_cart(), retryable: true };
		case ErrorCode.seatsUnavailable:
			return { reason: m.seats_reject_unavailable(), next: m.seats_next_free_or_buy(), retryable: true };
		case ErrorCode.seatAlreadyAssigned:
			return { reason: m.seats_reject_already_assigned(), next: m.seats_next_open_seats(), retryable: true };
		case ErrorCode.assignmentUnknown:
			return { reason: m.seats_reject_assignment_unknown(), next: m.seats_next_open_seats(), retryable: true };
		default: // order_id_taken, assignment_id_taken: the device reused an id; doing it again makes a new one
			return { reason: m.reject_other(), next: m.seats_next_open_seats(), retryable: true };
	}
}

/** What a queued seat operation is called in "Needs attention", and where "Edit and retry" goes. */
export const seatOperationLabels: Record<string, () => string> = {
	'order.place': m.seats_op_order,
	'seat.assign': m.seats_op_assign,
	'seat.release': m.seats_op_release
};

export const seatRetryHrefs: Record<string, (item: AttentionItem) => string> = {
	// The refused order's packages go back into the cart (seats/cart.ts restoreOrderToCart).
	'order.place': (item) => `/account/seats/cart?retry=${item.id}`,
	'seat.assign': () => '/account/seats',
	'seat.release': () => '/account/seats'
};
