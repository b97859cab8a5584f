/**
 * Seats a user holds in an account. The portal's rule: a user's seats are released before the user is removed
 * (user.remove rejects with `seats_held` while this is above 0). Seat assignment (`seat_assignments`) is built
 * separately; it plugs in here by counting that user's assignments in the account, inside the caller's transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function seatsHeldBy(_trx: Kysely<Database>, _accountId: string, _userId: string): Promise<number> {
	return 0;
}
