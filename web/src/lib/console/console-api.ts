/** The vendor console's reads (/api/admin/accounts…, /api/admin/search): online only, every answer parsed with its shared schema. */
import { AccountDetail, AccountJournalPage, AccountsPage, LicensesPage, SearchResponse, type AccountsQuery, type PageQuery } from '@keyfield/shared';
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
	search: (q: string) => callApi(fetch, withQuery('/api/admin/search', { q }), SearchResponse)
});
