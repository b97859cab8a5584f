/** How many seats a member still holds in an account: removing a member needs this to be 0 (the portal's rule). */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function seatsHeldBy(trx: Kysely<Database>, accountId: string, userId: string): Promise<number> {
	const row = await trx
		.selectFrom('seat_assignments')
		.select((eb) => eb.fn.countAll<string>().as('held'))
		.where('account_id', '=', accountId)
		.where('user_id', '=', userId)
		.where('released_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.held);
}
