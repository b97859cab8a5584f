/**
 * Seat rows as a pull sends them: packages (catalog account) and each account's pools, orders and assignments, with
 * the product's SKU and name, and emails instead of user ids where a person reads them.
 */
import type { CurrencyTotal, OrderLine } from '@keyfield/shared';
import type { Selectable } from 'kysely';
import { changedRows } from './change-source.ts';
import type { SeatAssignmentsTable, SeatOrdersTable, SeatPackagesTable, SeatPoolsTable } from './seats.schema.ts';

type Product = { sku: string; product_name: string };
const iso = (d: Date | string) => new Date(d).toISOString();

/** One change source per seat table, listed in changes.repository.ts. */
export const seatChangeSources = [
	changedRows<Selectable<SeatPackagesTable> & Product>('seat_packages x join products p on p.id = x.product_id', 'x.*, p.sku, p.name as product_name', (r) => ({
		id: r.id,
		productId: r.product_id,
		sku: r.sku,
		productName: r.product_name,
		name: r.name,
		seats: r.seats,
		priceMinor: r.price_minor,
		currency: r.currency,
		active: r.active
	})),
	changedRows<Selectable<SeatPoolsTable> & Product>('seat_pools x join products p on p.id = x.product_id', 'x.*, p.sku, p.name as product_name', (r) => ({
		id: r.id,
		productId: r.product_id,
		sku: r.sku,
		productName: r.product_name,
		owned: r.owned,
		assigned: r.assigned
	})),
	changedRows<Selectable<SeatOrdersTable> & { placed_by_email: string }>('seat_orders x join users u on u.id = x.placed_by', 'x.*, u.email as placed_by_email', (r) => ({
		id: r.id,
		status: r.status,
		lines: r.lines as OrderLine[],
		totals: r.totals as CurrencyTotal[],
		placedBy: r.placed_by_email,
		placedAt: iso(r.placed_at),
		confirmedAt: r.confirmed_at && iso(r.confirmed_at),
		paymentRef: r.payment_ref
	})),
	changedRows<Selectable<SeatAssignmentsTable> & Product & { user_email: string; assigned_by_email: string | null }>(
		'seat_assignments x join products p on p.id = x.product_id join users u on u.id = x.user_id left join users b on b.id = x.assigned_by',
		'x.*, p.sku, p.name as product_name, u.email as user_email, b.email as assigned_by_email',
		(r) => ({
			id: r.id,
			productId: r.product_id,
			sku: r.sku,
			productName: r.product_name,
			userId: r.user_id,
			userEmail: r.user_email,
			assignedAt: iso(r.assigned_at),
			assignedBy: r.assigned_by_email ?? '',
			releasedAt: r.released_at && iso(r.released_at)
		})
	)
];
