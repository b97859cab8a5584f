/**
 * The vendor console's calls for issuing entitlements: the same /api/admin routes an order system uses (no
 * second path), every answer parsed with the shared schema. Online only: the server holds all of it.
 */
import {
	AccountChoices,
	CertificateListing,
	ConfirmedCoterm,
	ConfirmedOrder,
	ConfirmedRenewal,
	CreatedCertificate,
	CreatedId,
	CreatedNotification,
	MintedVouchers,
	PendingConfirmations,
	VoidedVouchers,
	VoucherBatchListing
} from '@keyfield/shared';
import { callApi, defaultFetch, type Fetch } from '../sync/api.ts';

export type Kind = 'customer' | 'partner' | 'oem';

const query = (params: Record<string, string | undefined>) => {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
	return q.size ? `?${q}` : '';
};

export const entitlementsApi = (fetch: Fetch = defaultFetch) => ({
	accounts: (q: string, kind?: Kind) => callApi(fetch, `/api/admin/account-choices${query({ q, kind })}`, AccountChoices),
	certificates: (accountId: string) => callApi(fetch, `/api/admin/certificates${query({ accountId })}`, CertificateListing),
	issueCertificate: (body: { accountId: string | null; sku: string; quantity: number; maintenanceEnd: string; serialCount: number; reference?: string }) =>
		callApi(fetch, '/api/admin/certificates', CreatedCertificate, body),
	mintVouchers: (body: { sku: string; seats: number; termMonths: number; expiresOn: string; count: number; restrictedToAccountId?: string }) =>
		callApi(fetch, '/api/admin/vouchers', MintedVouchers, body),
	voucherBatch: (batchId: string) => callApi(fetch, `/api/admin/vouchers/batches/${encodeURIComponent(batchId)}`, VoucherBatchListing),
	voidVouchers: (codes: string[]) => callApi(fetch, '/api/admin/vouchers/void', VoidedVouchers, { codes }),
	notify: (body: { accountId: string; sku: string; targetSku: string; quantity: number; expiresOn: string }) =>
		callApi(fetch, '/api/admin/upgrade-notifications', CreatedNotification, body),
	createAgreement: (body: unknown) => callApi(fetch, '/api/admin/agreements', CreatedId, body),
	createContract: (body: unknown) => callApi(fetch, '/api/admin/contracts', CreatedId, body),
	pending: () => callApi(fetch, '/api/admin/contracts/pending', PendingConfirmations),
	confirmRenewal: (contractId: string, renewalId: string, months: number) =>
		callApi(fetch, `/api/admin/contracts/${encodeURIComponent(contractId)}/confirm-renewal`, ConfirmedRenewal, { renewalId, months }),
	confirmOrder: (orderId: string, paymentRef: string) =>
		callApi(fetch, `/api/admin/orders/${encodeURIComponent(orderId)}/confirm`, ConfirmedOrder, paymentRef.trim() ? { paymentRef: paymentRef.trim() } : {}),
	confirmCoterm: (cotermId: string) => callApi(fetch, `/api/admin/contracts/coterms/${encodeURIComponent(cotermId)}/confirm`, ConfirmedCoterm, undefined, 'POST')
});
