/** The vendor approves an email domain for an account without the DNS proof (they know their customer). */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { accountExists, bumpAccountVersion } from '../db/accounts.repository.ts';
import { notFound } from '../errors.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { insertPendingDomain, lockDomain, markDomainChecked } from '../db/members.repository.ts';
import type { Database } from '../db/schema.ts';
import { withRetry } from '../db/transaction.ts';
import type { Actor } from '../admin/admin.service.ts';

export async function approveDomainByVendor(db: Kysely<Database>, actor: Actor, accountId: string, domain: string) {
	if (!(await accountExists(db, accountId))) throw notFound(`No account ${accountId}.`);
	// Two first approvals of one domain at once: the second insert waits for the first and does nothing, and the
	// look-up after it finds the first one's row.
	return withRetry(db, async (tx) => {
		let row = await lockDomain(tx, accountId, domain);
		if (row?.status === 'approved') return { id: row.id, domain, status: 'approved' as const };
		const version = await bumpAccountVersion(tx, accountId);
		const id = row?.id ?? crypto.randomUUID();
		if (!row) await insertPendingDomain(tx, { id, accountId, domain, token: randomBytes(16).toString('hex'), version });
		row = await lockDomain(tx, accountId, domain);
		await markDomainChecked(tx, row!.id, 'vendor', version);
		await recordActivity(tx, { ...actor, accountId, action: 'admin.domain.approve', details: { domainId: row!.id, domain } });
		return { id: row!.id, domain, status: 'approved' as const };
	});
}
