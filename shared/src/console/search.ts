/**
 * The vendor console's search (GET /api/admin/search?q=): one box, any identifier. Each hit says what it is, whose
 * it is and its history, so one screen answers a support call.
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime, Role, Uuid } from '../entities.ts';
import { JournalEntry } from '../protocol/security.ts';
import { AccountListItem, AccountRef, LicenseSummary, TypedText } from './accounts.ts';

// Room for a whole license key (KF1.…, several hundred characters).
export const SearchQuery = z.object({ q: TypedText(2000).min(1) });

const Owner = AccountRef.nullable(); // null: nobody's yet (a boxed certificate, an unredeemed voucher)
const History = z.array(JournalEntry);

export const SerialHit = z.object({
	type: z.literal('serial'),
	serial: z.string(),
	certificate: z.object({ id: Uuid, sku: z.string(), productName: z.string(), quantity: z.number().int(), maintenanceEnd: IsoDate, createdAt: IsoDateTime }),
	account: Owner,
	license: LicenseSummary.nullable(),
	history: History
});
export const VoucherHit = z.object({
	type: z.literal('voucher'),
	code: z.string(),
	batchId: Uuid,
	sku: z.string(),
	productName: z.string(),
	seats: z.number().int(),
	expiresOn: IsoDate,
	state: z.enum(['open', 'redeemed', 'void']),
	restrictedTo: Owner,
	redeemedAt: IsoDateTime.nullable(),
	redeemedBy: z.string().nullable(),
	account: Owner,
	license: LicenseSummary.nullable(),
	history: History
});
export const LicenseHit = z.object({ type: z.literal('license'), license: LicenseSummary, account: AccountRef, history: History });
export const NotificationHit = z.object({
	type: z.literal('notification'),
	code: z.string(),
	sku: z.string(),
	targetSku: z.string(),
	quantity: z.number().int(),
	used: z.number().int(),
	expiresOn: IsoDate,
	account: AccountRef,
	history: History
});
export const AccountHit = z.object({ type: z.literal('account'), account: AccountListItem });
export const UserHit = z.object({
	type: z.literal('user'),
	user: z.object({ id: Uuid, email: z.string(), name: z.string(), vendor: z.boolean(), createdAt: IsoDateTime }),
	memberships: z.array(z.object({ account: AccountRef, role: Role }))
});

export const SearchHit = z.discriminatedUnion('type', [SerialHit, VoucherHit, LicenseHit, NotificationHit, AccountHit, UserHit]);
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResponse = z.object({ hits: z.array(SearchHit) });
export type SearchResponse = z.infer<typeof SearchResponse>;
