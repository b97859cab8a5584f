/** The vendor console's reads documented: accounts (keyset pages), an account's holdings, licenses and journal, search. */
import { AccountDetail, AccountJournalPage, AccountSort, AccountsPage, ConsoleAccountKind, ErrorCode, LicensesPage, SearchResponse } from '@keyfield/shared';
import { z } from 'zod';
import type { RouteDoc } from './routes.ts';

const vendor = [ErrorCode.unauthorized, ErrorCode.forbidden];
const page = {
	after: { schema: z.string().max(200), description: 'the `next` cursor of the previous page (opaque)' },
	limit: { schema: z.number().int().min(1).max(200), description: 'rows per page (50)' }
};

export const consoleRoutes: RouteDoc[] = [
	{
		method: 'get', path: '/api/admin/accounts', summary: 'Customer, partner and OEM accounts, a keyset page at a time, sorted and filtered', tag: 'vendor', auth: 'vendor',
		query: {
			...page,
			sort: { schema: AccountSort, description: 'name (default), created or kind; a leading - sorts descending' },
			q: { schema: z.string().max(200), description: 'part of the name, any case' },
			kind: { schema: ConsoleAccountKind, description: 'only this kind' }
		},
		response: { status: 200, schema: AccountsPage }, errors: [ErrorCode.validationFailed, ...vendor]
	},
	{ method: 'get', path: '/api/admin/accounts/{id}', summary: "What an account holds: certificates (serials, registered), contracts, agreements, vouchers redeemed, members, delegations", tag: 'vendor', auth: 'vendor', response: { status: 200, schema: AccountDetail }, errors: [ErrorCode.validationFailed, ...vendor, ErrorCode.notFound] },
	{ method: 'get', path: '/api/admin/accounts/{id}/licenses', summary: "An account's licenses, newest first, a keyset page at a time", tag: 'vendor', auth: 'vendor', query: page, response: { status: 200, schema: LicensesPage }, errors: [ErrorCode.validationFailed, ...vendor, ErrorCode.notFound] },
	{ method: 'get', path: '/api/admin/accounts/{id}/journal', summary: "An account's activity journal, newest first, a keyset page at a time", tag: 'vendor', auth: 'vendor', query: page, response: { status: 200, schema: AccountJournalPage }, errors: [ErrorCode.validationFailed, ...vendor, ErrorCode.notFound] },
	{
		method: 'get', path: '/api/admin/search', summary: 'Find anything by an identifier: serial, voucher code, notification id (dashes and case optional), license key or id, account name or id, user email or id; each hit with whose it is and its history', tag: 'vendor', auth: 'vendor',
		query: { q: { schema: z.string().min(1).max(2000), description: 'what was typed or scanned' } },
		response: { status: 200, schema: SearchResponse }, errors: [ErrorCode.validationFailed, ...vendor]
	}
];
