/** `/api/security/*`: 2-step verification and sessions. Online only: these change how the user signs in. */
import { RecoveryCodes, SessionList, TotpEnrolment, TotpStatus } from '@keyfield/shared';
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
