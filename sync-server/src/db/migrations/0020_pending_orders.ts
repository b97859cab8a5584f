/**
 * Frozen. The vendor's Confirmations list reads every account's unpaid seat orders, oldest first: a partial index
 * holds just those, so the list costs the same however many confirmed orders pile up.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('seat_orders_pending').on('seat_orders').columns(['placed_at', 'id']).where(sql.ref('status'), '=', 'pending_payment').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('seat_orders_pending').execute();
}
