/**
 * The device database (DESIGN §4 "Device state"): server tables mirror rows exactly as pulled, the outbox holds
 * the operations not yet confirmed, and the UI reads server rows plus the overlay the outbox implies.
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { AccountRow, HostActivationRow, LicenseRow, MembershipRow, OperationName, ProductRow } from '@keyfield/shared';

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
	rejectedAt: string;
	accountId: string | null;
}

export interface MetaEntry {
	key: string;
	value: unknown;
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
		// Version 4 (hosts): a new store. The stored cursor may already be past host rows this device could not keep
		// before, so it is dropped: the next pull starts from scratch and brings every row (none is pending in it).
		this.version(4)
			.stores({ host_activations: 'id, accountId, licenseId' })
			.upgrade((tx) => tx.table('meta').delete('cursor'));
	}

	/** The mirrors of server state, in the order a pull page writes them. */
	get serverTables(): Table<{ id: string; accountId: string }, string>[] {
		return [this.accounts, this.memberships, this.products, this.licenses, this.host_activations];
	}
}

let singleton: KeyfieldDb | null = null;

/** The app's database; opened lazily so importing a view module never touches IndexedDB. */
export function getDb(): KeyfieldDb {
	singleton ??= new KeyfieldDb();
	return singleton;
}
