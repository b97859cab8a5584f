/** Users and approved domains documented: invitation links (signed out), the vendor's domain approval, the dev mail viewer. */
import { AcceptInvitationRequest, DevMailList, ErrorCode, InvitationInfo, SessionInfo, Uuid } from '@keyfield/shared';
import * as admin from '../admin/admin.schemas.ts';
import type { RouteDoc } from './routes.ts';

const body = [ErrorCode.invalidJson, ErrorCode.validationFailed, ErrorCode.payloadTooLarge];
const link = [ErrorCode.invitationInvalid, ErrorCode.invitationExpired, ErrorCode.invitationUsed, ErrorCode.rateLimited];

export const memberRoutes: RouteDoc[] = [
	{ method: 'get', path: '/api/invitations/{token}', summary: 'What an invitation link offers: the account, the email, the role, until when (failed look-ups are rate limited per IP)', tag: 'auth', auth: 'none', response: { status: 200, schema: InvitationInfo }, errors: link },
	{
		method: 'post', path: '/api/invitations/{token}/accept', summary: 'Accept an invitation: a new person sends a name and a password and is signed in; an existing user accepts signed in as the invited email',
		tag: 'auth', auth: 'none', request: AcceptInvitationRequest, response: { status: 200, schema: SessionInfo.extend({ accountId: Uuid }) },
		errors: [...body, ...link, ErrorCode.passwordWeak, ErrorCode.passwordCommon, ErrorCode.invitationOtherUser, ErrorCode.conflict]
	},
	{ method: 'post', path: '/api/admin/accounts/{id}/domains', summary: 'Approve an email domain for an account without the DNS proof; its admins may then invite people of that domain', tag: 'vendor', auth: 'vendor', request: admin.ApproveDomainRequest, response: { status: 201, schema: admin.ApprovedDomain }, errors: [...body, ErrorCode.unauthorized, ErrorCode.forbidden, ErrorCode.notFound] },
	{ method: 'get', path: '/api/dev/mail', summary: 'Development mail viewer (only without SMTP_URL): mail of the accounts the user administers, all mail for vendors', tag: 'auth', auth: 'user', response: { status: 200, schema: DevMailList }, errors: [ErrorCode.unauthorized, ErrorCode.notFound] }
];
