/** `/api/account/tokens`: an account's API tokens. Online only: a token is made on the server and shown once. */
import { ApiTokenList, CreatedApiToken } from '@keyfield/shared';
import { z } from 'zod';
import { callApi, defaultFetch, type Fetch } from '../sync/api.ts';

export const accountTokensApi = (fetch: Fetch = defaultFetch) => ({
	list: (accountId: string) => callApi(fetch, `/api/account/tokens?accountId=${encodeURIComponent(accountId)}`, ApiTokenList),
	create: (accountId: string, name: string) => callApi(fetch, '/api/account/tokens', CreatedApiToken, { accountId, name, scopes: ['read'] }),
	revoke: (id: string) => callApi(fetch, `/api/account/tokens/${encodeURIComponent(id)}`, z.object({ ok: z.literal(true) }), undefined, 'DELETE')
});
