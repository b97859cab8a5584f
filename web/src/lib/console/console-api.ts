/**
 * The vendor console's calls about customers (/api/admin/accounts…, /users, /delegations, /api/admin/search): the
 * same routes an order system uses, online only, every answer parsed with its shared schema.
 */
import {
	AccountDetail,
	AccountJournalPage,
	AccountsPage,
	ApprovedDomain,
	CreatedId,
	LicensesPage,
	OkBody,
	SearchResponse,
	type AccountsQuery,
	type ConsoleAccountKind,
	type DelegationScope,
	type PageQuery,
	type Role
} from '@keyfield/shared';
import { callApi, defaultFetch, type Fetch } from '../sync/api.ts';

/** A path with the given query parameters, leaving out the empty ones. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
	const text = params.toString();
	return text ? `${path}?${text}` : path;
}

const account = (id: string) => `/api/admin/accounts/${encodeURIComponent(id)}`;

export const consoleApi = (fetch: Fetch = defaultFetch) => ({
	accounts: (query: AccountsQuery) => callApi(fetch, withQuery('/api/admin/accounts', query), AccountsPage),
	account: (id: string) => callApi(fetch, account(id), AccountDetail),
	licenses: (id: string, page: PageQuery) => callApi(fetch, withQuery(`${account(id)}/licenses`, page), LicensesPage),
	journal: (id: string, page: PageQuery) => callApi(fetch, withQuery(`${account(id)}/journal`, page), AccountJournalPage),
	search: (q: string) => callApi(fetch, withQuery('/api/admin/search', { q }), SearchResponse),
	createAccount: (body: { name: string; kind: ConsoleAccountKind }) => callApi(fetch, '/api/admin/accounts', CreatedId, body),
	/** A new person with this password, or an existing one (by email) added with their own. */
	addUser: (body: { accountId: string; email: string; role: Role; name?: string; password: string }) => callApi(fetch, '/api/admin/users', CreatedId, body),
	delegate: (body: { customerAccountId: string; partnerAccountId: string; scope: DelegationScope }) => callApi(fetch, '/api/admin/delegations', CreatedId, body),
	endDelegation: (id: string) => callApi(fetch, `/api/admin/delegations/${encodeURIComponent(id)}`, OkBody, undefined, 'DELETE'),
	approveDomain: (accountId: string, domain: string) => callApi(fetch, `${account(accountId)}/domains`, ApprovedDomain, { domain })
});
