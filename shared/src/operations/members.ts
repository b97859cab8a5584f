/**
 * Users and approved email domains: invite by email with a role (only into a domain the account approved), revoke
 * an invitation, approve a domain (a DNS TXT proof), change a member's role, remove a user. Admins only.
 */
import { z } from 'zod';
import { Role, Uuid } from '../entities.ts';

/** A host name of two labels or more, lower case, as a person would type it after the @. */
export const DomainName = z
	.string()
	.trim()
	.toLowerCase()
	.max(253)
	.regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, 'a domain name such as example.com');

export const InviteEmail = z.email().max(254).transform((e) => e.trim().toLowerCase());

/** The part after the last @, lower case ('' when there is none). */
export function emailDomain(email: string): string {
	const at = email.lastIndexOf('@');
	return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

export const InviteUserArgs = z.object({ invitationId: Uuid, accountId: Uuid, email: InviteEmail, role: Role });
export type InviteUserArgs = z.input<typeof InviteUserArgs>;

export const RevokeInvitationArgs = z.object({ invitationId: Uuid, accountId: Uuid });
export type RevokeInvitationArgs = z.input<typeof RevokeInvitationArgs>;

/** Queued again to re-check a pending domain's DNS record ("Check again"). */
export const ApproveDomainArgs = z.object({ domainId: Uuid, accountId: Uuid, domain: DomainName });
export type ApproveDomainArgs = z.input<typeof ApproveDomainArgs>;

export const SetMemberRoleArgs = z.object({ accountId: Uuid, userId: Uuid, role: Role });
export type SetMemberRoleArgs = z.input<typeof SetMemberRoleArgs>;

export const RemoveUserArgs = z.object({ accountId: Uuid, userId: Uuid });
export type RemoveUserArgs = z.input<typeof RemoveUserArgs>;
