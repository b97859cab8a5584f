/**
 * Users and domains on the device. They change no license, so the license overlay is empty; the Members screen
 * folds the outbox over the synced members, invitations and domains itself (views/members.ts).
 */
import type { ClientOperation } from './client-operation.ts';

const inAccount = { accountId: (args: { accountId: string }) => args.accountId, overlay: () => ({}) };

export const inviteUser: ClientOperation<'user.invite'> = inAccount;
export const revokeInvitation: ClientOperation<'invitation.revoke'> = inAccount;
export const approveDomain: ClientOperation<'domain.approve'> = inAccount;
export const setMemberRole: ClientOperation<'member.setRole'> = inAccount;
export const removeUser: ClientOperation<'user.remove'> = inAccount;
