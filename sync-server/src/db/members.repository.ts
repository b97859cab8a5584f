/** SQL for users and approved email domains: domains, invitations, memberships and the invitation guessing limit. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;
type Role = 'admin' | 'member' | 'technician';

export async function isDomainApproved(db: Db, accountId: string, domain: string): Promise<boolean> {
	const row = await db.selectFrom('approved_domains').select('id').where('account_id', '=', accountId).where('domain', '=', domain).where('status', '=', 'approved').executeTakeFirst();
	return row !== undefined;
}

export async function lockDomain(db: Db, accountId: string, domain: string) {
	return db.selectFrom('approved_domains').selectAll().where('account_id', '=', accountId).where('domain', '=', domain).forUpdate().executeTakeFirst();
}

/** A pending domain with its proof token; false when the id is taken (by another domain or account). */
export async function insertPendingDomain(db: Db, row: { id: string; accountId: string; domain: string; token: string; version: number }): Promise<boolean> {
	const inserted = await db
		.insertInto('approved_domains')
		.values({ id: row.id, account_id: row.accountId, domain: row.domain, token: row.token, version: row.version, status: 'pending' })
		.onConflict((oc) => oc.doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted !== undefined;
}

export async function markDomainChecked(db: Db, id: string, approvedBy: 'dns' | 'vendor' | null, version: number): Promise<void> {
	await db
		.updateTable('approved_domains')
		.set({ version, checked_at: sql`now()`, ...(approvedBy ? { status: 'approved', method: approvedBy, approved_at: sql`now()` } : {}) })
		.where('id', '=', id)
		.execute();
}

/** The open invitation of an email in an account (pending, not expired), if any. */
export async function findOpenInvitation(db: Db, accountId: string, email: string) {
	return db
		.selectFrom('invitations')
		.select(['id', 'expires_at'])
		.where('account_id', '=', accountId)
		.where('email', '=', email)
		.where('status', '=', 'pending')
		.where('expires_at', '>', sql<Date>`now()`)
		.executeTakeFirst();
}

export async function insertInvitation(
	db: Db,
	row: { id: string; accountId: string; version: number; email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date }
): Promise<boolean> {
	const inserted = await db
		.insertInto('invitations')
		.values({
			id: row.id, account_id: row.accountId, version: row.version, email: row.email, role: row.role,
			token_hash: row.tokenHash, status: 'pending', invited_by: row.invitedBy, expires_at: row.expiresAt
		})
		.onConflict((oc) => oc.column('id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted !== undefined;
}

/** The invitation a link names, with its account's name, locked so one link is accepted once. */
export async function lockInvitationByToken(db: Db, tokenHash: string) {
	return db
		.selectFrom('invitations')
		.innerJoin('accounts', 'accounts.id', 'invitations.account_id')
		.select(['invitations.id', 'invitations.account_id', 'invitations.email', 'invitations.role', 'invitations.status', 'invitations.expires_at', 'accounts.name as account_name'])
		.where('invitations.token_hash', '=', tokenHash)
		.forUpdate('invitations')
		.executeTakeFirst();
}

export async function lockInvitation(db: Db, id: string, accountId: string) {
	return db.selectFrom('invitations').select(['id', 'email', 'status']).where('id', '=', id).where('account_id', '=', accountId).forUpdate().executeTakeFirst();
}

export async function closeInvitation(db: Db, id: string, status: 'accepted' | 'revoked', version: number, acceptedBy: string | null = null): Promise<void> {
	await db.updateTable('invitations').set({ status, version, closed_at: sql`now()`, accepted_by: acceptedBy }).where('id', '=', id).execute();
}

/** The account's memberships, locked: role changes and removals queue behind each other, so the last admin stays. */
export async function lockMemberships(db: Db, accountId: string) {
	return db.selectFrom('memberships').select(['id', 'user_id', 'role']).where('account_id', '=', accountId).orderBy('id').forUpdate().execute();
}

export async function setMembershipRole(db: Db, id: string, role: Role, version: number): Promise<void> {
	await db.updateTable('memberships').set({ role, version }).where('id', '=', id).execute();
}

/** Deletes the membership and leaves a tombstone, so the account's devices drop the row. */
export async function deleteMembership(db: Db, membership: { id: string; accountId: string }, version: number): Promise<void> {
	await db.deleteFrom('memberships').where('id', '=', membership.id).where('account_id', '=', membership.accountId).execute();
	await db.insertInto('tombstones').values({ account_id: membership.accountId, version, table_name: 'memberships', row_id: membership.id }).execute();
}

// --- the invitation guessing limit: failed look-ups per IP within a window ---

export async function recordInvitationAttempt(db: Db, ip: string): Promise<string> {
	const row = await db.insertInto('invitation_attempts').values({ ip }).returning('id').executeTakeFirstOrThrow();
	await db.deleteFrom('invitation_attempts').where('ip', '=', ip).where('at', '<', sql<Date>`now() - interval '1 day'`).execute();
	return row.id;
}

export async function forgetInvitationAttempt(db: Db, id: string): Promise<void> {
	await db.deleteFrom('invitation_attempts').where('id', '=', id).execute();
}

export async function recentInvitationAttempts(db: Db, ip: string, windowSeconds: number): Promise<{ count: number; oldestAt: Date | null }> {
	const row = await db
		.selectFrom('invitation_attempts')
		.select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.min('at').as('oldest')])
		.where('ip', '=', ip)
		.where('at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
		.executeTakeFirstOrThrow();
	return { count: Number(row.count), oldestAt: row.oldest ? new Date(row.oldest as Date) : null };
}
