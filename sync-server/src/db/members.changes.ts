/** Change sources of the users-and-domains tables (see changes.repository.ts). */
import type { Selectable } from 'kysely';
import { txtRecordName, txtRecordValue } from '@keyfield/shared';
import { changedRows } from './change-source.ts';
import type { ApprovedDomainsTable, InvitationsTable } from './members.schema.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const invitationChanges = changedRows<Selectable<InvitationsTable> & { invited_by_email: string | null }>(
	'invitations x left join users u on u.id = x.invited_by',
	'x.id, x.account_id, x.version, x.email, x.role, x.status, x.created_at, x.expires_at, u.email as invited_by_email',
	(r) => ({
		id: r.id,
		email: r.email,
		role: r.role,
		status: r.status,
		invitedByEmail: r.invited_by_email,
		createdAt: iso(r.created_at)!,
		expiresAt: iso(r.expires_at)!
	})
);

export const approvedDomainChanges = changedRows<Selectable<ApprovedDomainsTable>>('approved_domains x', 'x.*', (r) => ({
	id: r.id,
	domain: r.domain,
	status: r.status,
	txtName: txtRecordName(r.domain),
	txtValue: txtRecordValue(r.token),
	method: r.method,
	checkedAt: iso(r.checked_at),
	approvedAt: iso(r.approved_at)
}));
