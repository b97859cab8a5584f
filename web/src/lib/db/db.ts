/**
 * The device database (DESIGN §4 "Device state"): server tables mirror rows exactly as pulled, the outbox holds
 * the operations not yet confirmed, and the UI reads server rows plus the overlay the outbox implies.
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type {
	AccountRow,
	AgreementEventRow,
	AgreementRow,
	ApprovedDomainRow,
	ContractRow,
	InvitationRow,
	DelegationRow,
	FieldDefinitionRow,
	HostActivationRow,
	LicenseHistoryRow,
	LicenseRow,
	LicenseShareRow,
	MembershipRow,
	OperationName,
	ProductRow,
	ReleaseRow,
	SeatAssignmentRow,
	SeatOrderRow,
	SeatPackageRow,
	SeatPoolRow,
	ShareCodeRow,
	SharedLicenseRow,
	UpgradeNotificationRow
} from '@keyfield/shared';

export interface OutboxEntry {
	id: number; // mutation id, gapless per clientId
	// A client id belongs to one user on the server, so each user on this device has their own (see clients.ts);
	// entries are keyed by [clientId+id] because two users' queues may wait side by side.
	clientId: string;
	name: OperationName;
	args: unknown; // parsed by the shared schema before it was queued
	createdAt: string;
	userId: string;
	accountId: string | null;
	// Set when a push reported it applied; the entry stays (so the overlay keeps showing it) until a pull whose
	// lastMutationId covers it brings the server rows in the same transaction that deletes it.
	appliedAt?: string;
}

export interface AttentionItem {
	id: number; // mutation id
	clientId: string;
	userId: string;
	name: OperationName;
	args: unknown;
	code: string;
	message: string;
	/** The rejection's machine-readable facts (the result's `result`), e.g. when a voucher was redeemed. */
	details?: Record<string, unknown>;
	rejectedAt: string;
	accountId: string | null;
}

export interface MetaEntry {
	key: string;
	value: unknown;
}

/** An artifact kept on this device for offline use (Downloads, "take it to the site"); its bytes are in the Origin
 * Private File System under `pins/<artifactId>`. Device-only: never synced. */
export interface PinEntry {
	artifactId: string;
	releaseId: string;
	fileName: string;
	size: number;
	sha256: string;
	contentType: string;
	/** 'partial' until every byte is on disk and its SHA-256 matched; a partial pin resumes where it stopped. */
	state: 'partial' | 'pinned';
	pinnedAt: string;
}

/** A proof of purchase attached to a renewal request on this device: the file waits here (offline too) and is
 * uploaded in chunks once online; `sent` is what the server has confirmed, so a reload resumes from there. */
export interface ProofEntry {
	id: string; // the upload id (the server may answer an earlier upload of the same bytes: `uploadId` then)
	uploadId: string;
	renewalId: string;
	contractId: string;
	accountId: string;
	userId: string;
	fileName: string;
	contentType: string;
	size: number;
	sha256: string;
	file: Blob;
	sent: number;
	state: 'waiting' | 'done' | 'failed';
	/** Why it stopped for good (refused by the server), in the server's words. */
	problem?: string;
	attachedAt: string;
}

/** A reminder this device has already shown as a system notification (never twice for the same contract, end and lead). */
export interface NotifiedEntry {
	key: string;
	shownAt: string;
}

/** A package and quantity in an admin's cart: device-only, kept per user and workspace until the order is placed, so
 * a cart built offline survives reloads. The price is not stored: the cart always shows the catalog's current one. */
export interface CartLine {
	userId: string;
	accountId: string;
	packageId: string;
	quantity: number;
	addedAt: string;
}

export const DB_NAME = 'keyfield';

export class KeyfieldDb extends Dexie {
	// `declare`, not fields: class fields would overwrite the tables Dexie assigns in its constructor.
	declare accounts: Table<AccountRow, string>;
	declare memberships: Table<MembershipRow, string>;
	declare products: Table<ProductRow, string>;
	declare licenses: Table<LicenseRow, string>;
	declare host_activations: Table<HostActivationRow, string>;
	declare outbox: Table<OutboxEntry, [string, number]>;
	declare attention: Table<AttentionItem, [string, number]>;
	declare meta: Table<MetaEntry, string>;
	declare agreements: Table<AgreementRow, string>;
	declare agreement_events: Table<AgreementEventRow, string>;
	// Sharing and custom data (version 5); named like their synced tables, which a pull writes by name.
	declare field_definitions: Table<FieldDefinitionRow, string>;
	declare license_history: Table<LicenseHistoryRow, string>;
	declare license_shares: Table<LicenseShareRow, string>;
	declare shared_licenses: Table<SharedLicenseRow, string>;
	declare share_codes: Table<ShareCodeRow, string>;
	declare upgradeNotifications: Table<UpgradeNotificationRow, string>;
	declare releases: Table<ReleaseRow, string>;
	declare pins: Table<PinEntry, string>;
	declare contracts: Table<ContractRow, string>; // version 6
	declare proofs: Table<ProofEntry, string>; // version 8
	declare notified: Table<NotifiedEntry, string>; // version 8
	declare invitations: Table<InvitationRow, string>; // version 9
	declare approved_domains: Table<ApprovedDomainRow, string>; // version 9
	// Seat packages, pools, orders, assignments and the device-only cart (version 10).
	declare seat_packages: Table<SeatPackageRow, string>;
	declare seat_pools: Table<SeatPoolRow, string>;
	declare seat_orders: Table<SeatOrderRow, string>;
	declare seat_assignments: Table<SeatAssignmentRow, string>;
	declare cart: Table<CartLine, [string, string, string]>;
	declare delegations: Table<DelegationRow, string>; // version 11

	constructor(name: string = DB_NAME, options?: DexieOptions) {
		super(name, options);
		// Version 1. A later version adds `this.version(2).stores(...)` with an upgrade; never edit this one.
		this.version(1).stores({
			accounts: 'id, accountId',
			memberships: 'id, accountId, userId',
			products: 'id, accountId, sku',
			licenses: 'id, accountId, serial',
			outbox: '[clientId+id], userId',
			attention: '[clientId+id], userId',
			meta: 'key'
		});
		// Version 2: upgrade notifications ("Version upgrade"), looked up by the code a person types.
		this.version(2).stores({ upgradeNotifications: 'id, accountId, code' });
		// Version 3: Enterprise Flexible agreements and their draw/release events (mirrors of server tables, filled by pulls).
		this.version(3).stores({
			agreements: 'id, accountId',
			agreement_events: 'id, accountId, agreementId'
		});
		// Version 4: hosts bound to licenses.
		this.version(4).stores({ host_activations: 'id, accountId, licenseId' });
		// Version 5: sharing and custom data.
		// Versions 2–5 came together (sync schema 2). A device coming from version 1 holds a cursor that may already
		// be past rows of these new stores that it could not keep, so the cursor is dropped: the next pull starts
		// from scratch and brings every row (the outbox is untouched, and pending work is re-applied on top).
		this.version(5)
			.stores({
				field_definitions: 'id, accountId',
				license_history: 'id, accountId, licenseId, replacedUserId',
				license_shares: 'id, accountId, licenseId',
				shared_licenses: 'id, accountId, licenseId',
				share_codes: 'id, accountId'
			})
			.upgrade((tx) => tx.table('meta').delete('cursor'));
		// Version 6: maintenance contracts (sync schema 2 as well); the cursor goes for the same reason as in version 5.
		this.version(6)
			.stores({ contracts: 'id, accountId' })
			.upgrade((tx) => tx.table('meta').delete('cursor'));
		// Version 7: releases (catalog data) and this device's pinned artifacts. The cursor goes again: it may be past
		// release rows this device could not keep before.
		this.version(7)
			.stores({ releases: 'id, accountId, sku', pins: 'artifactId' })
			.upgrade((tx) => tx.table('meta').delete('cursor'));
		// Version 8: proof-of-purchase files waiting to upload and the reminders already notified (device-only), and
		// contracts now carry reminder lead times and activation codes: the cursor goes so every contract comes again.
		this.version(8)
			.stores({ proofs: 'id, renewalId, contractId, userId', notified: 'key' })
			.upgrade((tx) => tx.table('meta').delete('cursor'));
		// Version 9: users and approved email domains (invitations of the account, its domains with their TXT proof).
		// The cursor goes: it may be past rows of these stores that this device could not keep before.
		this.version(9)
			.stores({ invitations: 'id, accountId', approved_domains: 'id, accountId' })
			.upgrade((tx) => tx.table('meta').delete('cursor'));
		// Version 10: seat packages (catalog), pools, orders and assignments, and the cart (device-only, never synced).
		// The cursor goes: it may be past seat rows this device could not keep before.
		this.version(10)
			.stores({
				seat_packages: 'id, accountId, productId',
				seat_pools: 'id, accountId',
				seat_orders: 'id, accountId',
				seat_assignments: 'id, accountId, userId',
				cart: '[userId+accountId+packageId], [userId+accountId]'
			})
			.upgrade((tx) => tx.table('meta').delete('cursor'));
		// Version 11: partner delegations (under the customer's account). The cursor goes: it may be past delegation
		// rows (and account rows with the 2-step policy) this device could not keep before.
		this.version(11)
			.stores({ delegations: 'id, accountId, partnerAccountId' })
			.upgrade((tx) => tx.table('meta').delete('cursor'));
		// Version 12: licenses by account and creation time, so "the newest license of an account" (the Get a key
		// prefill) is one index step, not a read of every license in it. Only an index is added: the rows and the
		// cursor stay as they are (IndexedDB builds the index from the rows already stored).
		this.version(12).stores({ licenses: 'id, accountId, serial, [accountId+createdAt]' });
	}

	/** The mirrors of server state, in the order a pull page writes them. */
	get serverTables(): Table<{ id: string; accountId: string }, string>[] {
		return [
			this.accounts,
			this.memberships,
			this.products,
			this.licenses,
			this.upgradeNotifications,
			this.host_activations,
			this.agreements,
			this.agreement_events,
			this.field_definitions,
			this.license_history,
			this.license_shares,
			this.shared_licenses,
			this.share_codes,
			this.contracts,
			this.releases,
			this.invitations,
			this.approved_domains,
			this.seat_packages,
			this.seat_pools,
			this.seat_orders,
			this.seat_assignments,
			this.delegations
		];
	}
}

let singleton: KeyfieldDb | null = null;

/** The app's database; opened lazily so importing a view module never touches IndexedDB. */
export function getDb(): KeyfieldDb {
	singleton ??= new KeyfieldDb();
	return singleton;
}
