/** `/api/security/*`: 2-step verification, sessions and the activity journal. Online only: the server holds them. */
import { JournalCheck, JournalPage, RecoveryCodes, SessionList, TotpEnrolment, TotpStatus, type JournalQuery } from '@keyfield/shared';
import { z } from 'zod';
import { callApi, defaultFetch, type Fetch } from '../sync/api.ts';

const Ended = z.object({ ended: z.number() });

export const securityApi = (fetch: Fetch = defaultFetch) => ({
	status: () => callApi(fetch, '/api/security/totp', TotpStatus),
	enrol: () => callApi(fetch, '/api/security/totp/enrol', TotpEnrolment, {}),
	confirm: (code: string) => callApi(fetch, '/api/security/totp/confirm', RecoveryCodes, { code }),
	disable: (code: string) => callApi(fetch, '/api/security/totp/disable', z.object({ ok: z.literal(true) }), { code }),
	sessions: () => callApi(fetch, '/api/security/sessions', SessionList),
	revoke: (id: string) => callApi(fetch, `/api/security/sessions/${encodeURIComponent(id)}`, Ended, undefined, 'DELETE'),
	revokeOthers: () => callApi(fetch, '/api/security/sessions/revoke-others', Ended, {})
});

export function journalUrl(query: JournalQuery): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
	return `/api/security/journal?${params}`;
}

export const journalApi = (fetch: Fetch = defaultFetch) => ({
	list: (query: JournalQuery) => callApi(fetch, journalUrl(query), JournalPage),
	verify: (accountId: string) => callApi(fetch, `/api/security/journal/verify?accountId=${encodeURIComponent(accountId)}`, JournalCheck)
});
