/** Invitation links (used signed out too) and the development mail viewer: online only, the server holds them. */
import { DevMailList, InvitationInfo, SessionInfo, type AcceptInvitationRequest } from '@keyfield/shared';
import { z } from 'zod';
import { callApi, defaultFetch, type Fetch } from '../sync/api.ts';

const Accepted = SessionInfo.extend({ accountId: z.uuid() });

export const invitationApi = (fetch: Fetch = defaultFetch) => ({
	open: (token: string) => callApi(fetch, `/api/invitations/${encodeURIComponent(token)}`, InvitationInfo),
	accept: (token: string, body: AcceptInvitationRequest) => callApi(fetch, `/api/invitations/${encodeURIComponent(token)}/accept`, Accepted, body)
});

export const devMailApi = (fetch: Fetch = defaultFetch) => ({
	list: () => callApi(fetch, '/api/dev/mail', DevMailList)
});
