/**
 * Approving an email domain by proving control of it. The first request records the domain as pending with a
 * fresh token (the device then shows the TXT record to create); a later one ("Check again") looks the record up
 * through the DomainVerifier and approves the domain when it holds the token. Both are applied results: a pending
 * domain is a state the admin acts on, not a mistake. The vendor can approve without the proof (vendor API).
 */
import { ApproveDomainArgs, ErrorCode, txtRecordName, txtRecordValue } from '@keyfield/shared';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { insertPendingDomain, lockDomain, markDomainChecked } from '../db/members.repository.ts';
import { takeVersion } from './account-writes.ts';
import { authorizeIn } from './authorize.ts';
import { defineOperation, Rejection } from './operation.ts';

type Args = z.output<typeof ApproveDomainArgs>;

export const domainApprove = defineOperation({
	name: 'domain.approve',
	args: ApproveDomainArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'domain.approve', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const journal = { userId: ctx.userId, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId, accountId: args.accountId };
		const record = (token: string) => ({ txtName: txtRecordName(args.domain), txtValue: txtRecordValue(token) });
		const existing = await lockDomain(tx, args.accountId, args.domain);
		if (existing?.status === 'approved') return { domainId: existing.id, status: 'approved', existing: true };

		await ctx.savepoint();
		const version = await takeVersion(tx, ctx, args.accountId);
		if (!existing) {
			const token = randomBytes(16).toString('hex');
			if (!(await insertPendingDomain(tx, { id: args.domainId, accountId: args.accountId, domain: args.domain, token, version }))) {
				throw new Rejection(ErrorCode.domainTaken, 'This request was already used for another domain. Add the domain again.');
			}
			await recordActivity(tx, { ...journal, action: 'domain.request', details: { domainId: args.domainId, domain: args.domain } });
			return { domainId: args.domainId, status: 'pending', ...record(token) };
		}
		// The row stays locked during the look-up (a few seconds at worst, see DomainVerifier), so two checks of one
		// domain do not both approve it.
		const proven = await ctx.services.domains.hasToken(args.domain, existing.token);
		await markDomainChecked(tx, existing.id, proven ? 'dns' : null, version);
		await recordActivity(tx, { ...journal, action: proven ? 'domain.approve' : 'domain.check', details: { domainId: existing.id, domain: args.domain, method: 'dns', found: proven } });
		return { domainId: existing.id, status: proven ? 'approved' : 'pending', ...record(existing.token) };
	}
});
