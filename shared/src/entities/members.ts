/**
 * Users and approved email domains. An invitation row syncs to the account (no token: only its hash exists, on the
 * server) so admins see who is invited until when; an approved-domain row carries the DNS TXT record that proves
 * control, so an admin sees what to create, and the device checks an invitee's domain offline before queueing.
 */
import { z } from 'zod';

// Not imported from ../entities.ts: that file lists these rows in SyncedTables (an import cycle otherwise).
const Uuid = z.uuid();
const IsoDateTime = z.iso.datetime({ offset: true });
const Role = z.enum(['admin', 'member', 'technician']);

export const InvitationStatus = z.enum(['pending', 'accepted', 'revoked']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const InvitationRow = z.object({
	id: Uuid, // generated on the device (user.invite), so the pending entry and the server row are one
	accountId: Uuid,
	version: z.number().int().nonnegative(),
	email: z.string(),
	role: Role,
	status: InvitationStatus, // 'pending' past expiresAt is expired: the link no longer works
	invitedByEmail: z.string().nullable(),
	createdAt: IsoDateTime,
	expiresAt: IsoDateTime
});
export type InvitationRow = z.infer<typeof InvitationRow>;

export const DomainStatus = z.enum(['pending', 'approved']);
export type DomainStatus = z.infer<typeof DomainStatus>;

export const ApprovedDomainRow = z.object({
	id: Uuid,
	accountId: Uuid,
	version: z.number().int().nonnegative(),
	domain: z.string(),
	status: DomainStatus,
	/** The TXT record that proves control: create it at `txtName` with the value `txtValue`. */
	txtName: z.string(),
	txtValue: z.string(),
	method: z.enum(['dns', 'vendor']).nullable(), // how it was approved
	checkedAt: IsoDateTime.nullable(), // the last DNS check (a pending domain's "not found yet")
	approvedAt: IsoDateTime.nullable()
});
export type ApprovedDomainRow = z.infer<typeof ApprovedDomainRow>;

/** Where the proof lives: a TXT record on a name of the domain's own, so it does not collide with SPF and others. */
export const txtRecordName = (domain: string) => `_keyfield-challenge.${domain}`;
export const txtRecordValue = (token: string) => `keyfield-verification=${token}`;
