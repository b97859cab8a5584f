/**
 * The vendor console's reads of accounts (GET /api/admin/accounts…): the schemas the server validates queries with
 * and the console parses answers with. Pages are keyset-paginated: `next` is an opaque cursor for `after`, null on
 * the last page.
 */
import { z } from 'zod';
import { AccountKind, IsoDate, IsoDateTime, Role, Uuid } from '../entities.ts';
import { DelegationScope } from '../entities/delegations.ts';
import { JournalEntry } from '../protocol/security.ts';

/** The kinds the console lists (the vendor's own and the catalog pseudo-account are not customers). */
export const ConsoleAccountKind = z.enum(['customer', 'partner', 'oem']);
export type ConsoleAccountKind = z.infer<typeof ConsoleAccountKind>;

/** `name`, `created`, `kind` ascending; a leading `-` for descending. */
export const AccountSort = z.enum(['name', '-name', 'created', '-created', 'kind', '-kind']);
export type AccountSort = z.infer<typeof AccountSort>;

const Cursor = z.string().min(1).max(200);
/** Text a person typed, as Postgres can store it (a NUL character is refused there, so it is a 400 here). */
export const TypedText = (max: number) => z.string().trim().max(max).regex(/^[^\u0000]*$/, 'no NUL characters');
const Limit = z.coerce.number().int().min(1).max(200);

export const AccountsQuery = z.object({
	after: Cursor.optional(),
	sort: AccountSort.default('name'),
	q: TypedText(200).optional(),
	kind: ConsoleAccountKind.optional(),
	limit: Limit.default(50)
});
// As a client sends it (the schema also takes the query string's text for limit).
export type AccountsQuery = Omit<z.input<typeof AccountsQuery>, 'limit'> & { limit?: number };

export const PageQuery = z.object({ after: Cursor.optional(), limit: Limit.default(50) });
export type PageQuery = { after?: string | undefined; limit?: number };

export const AccountRef = z.object({ id: Uuid, name: z.string(), kind: AccountKind });
export type AccountRef = z.infer<typeof AccountRef>;

export const AccountListItem = AccountRef.extend({ createdAt: IsoDateTime });
export type AccountListItem = z.infer<typeof AccountListItem>;
export const AccountsPage = z.object({ accounts: z.array(AccountListItem), next: z.string().nullable() });
export type AccountsPage = z.infer<typeof AccountsPage>;

export const LicenseSummary = z.object({
	id: Uuid,
	accountId: Uuid,
	sku: z.string(),
	productName: z.string(),
	productVersion: z.string(),
	serial: z.string().nullable(),
	seats: z.number().int(),
	maintenanceEnd: IsoDate,
	status: z.enum(['active', 'revoked']),
	origin: z.string(),
	createdAt: IsoDateTime,
	registeredTo: z.string() // the registration's company and contact, as typed
});
export type LicenseSummary = z.infer<typeof LicenseSummary>;
export const LicensesPage = z.object({ licenses: z.array(LicenseSummary), next: z.string().nullable() });
export type LicensesPage = z.infer<typeof LicensesPage>;

export const AccountJournalPage = z.object({ entries: z.array(JournalEntry), next: z.string().nullable() });
export type AccountJournalPage = z.infer<typeof AccountJournalPage>;

export const AccountCertificate = z.object({
	id: Uuid,
	sku: z.string(),
	productName: z.string(),
	quantity: z.number().int(),
	maintenanceEnd: IsoDate,
	createdAt: IsoDateTime,
	serials: z.number().int(),
	registered: z.number().int()
});
export const AccountContract = z.object({
	id: Uuid,
	sku: z.string(),
	productName: z.string(),
	seats: z.number().int(),
	startsOn: IsoDate,
	endsOn: IsoDate,
	channel: z.enum(['online', 'partner']),
	revision: z.number().int(),
	renewalPending: z.boolean()
});
export const AccountAgreement = z.object({
	id: Uuid,
	name: z.string(),
	startsOn: IsoDate,
	endsOn: IsoDate,
	products: z.array(z.object({ sku: z.string(), seatCap: z.number().int(), seatsUsed: z.number().int() }))
});
export const AccountVoucher = z.object({
	code: z.string(),
	sku: z.string(),
	seats: z.number().int(),
	redeemedAt: IsoDateTime,
	redeemedBy: z.string().nullable(),
	licenseId: Uuid.nullable()
});
export const AccountSeatPool = z.object({ sku: z.string(), productName: z.string(), owned: z.number().int(), assigned: z.number().int() });
export const AccountDomain = z.object({
	domain: z.string(),
	status: z.enum(['pending', 'approved']),
	method: z.enum(['dns', 'vendor']).nullable(), // how it was approved: a DNS record the account published, or the vendor
	approvedAt: IsoDateTime.nullable()
});
export const AccountMember = z.object({ userId: Uuid, email: z.string(), name: z.string(), role: Role, since: IsoDateTime });
export const AccountDelegation = z.object({
	id: Uuid,
	direction: z.enum(['to', 'from']), // to: this customer lets the partner manage it; from: a customer delegated to this partner
	account: AccountRef,
	scope: DelegationScope, // read: the partner only sees the customer's workspace
	createdAt: IsoDateTime
});

/** Everything an account holds, but its licenses and journal, which page on their own. Lists stop at LIST_CAP rows. */
export const LIST_CAP = 500;
/** Licenses are counted up to here; past it the page says "10,000+" (counting a million would take a second). */
export const LICENSE_COUNT_CAP = 10_000;
export const AccountDetail = z.object({
	account: AccountListItem,
	licenseCount: z.number().int(),
	licenseCountCapped: z.boolean(),
	certificates: z.array(AccountCertificate),
	contracts: z.array(AccountContract),
	agreements: z.array(AccountAgreement),
	vouchers: z.array(AccountVoucher),
	seatPools: z.array(AccountSeatPool),
	members: z.array(AccountMember),
	delegations: z.array(AccountDelegation),
	domains: z.array(AccountDomain)
});
export type AccountDetail = z.infer<typeof AccountDetail>;
