/** Contracts as synced rows: the product's SKU, name and renewal cutoff travel with each contract. */
import { changedRows } from './change-source.ts';
import { toContract, type LockedContract } from './contracts.repository.ts';

export const contractChanges = changedRows<LockedContract>(
	'contracts x join products p on p.id = x.product_id',
	'x.*, p.sku, p.name as product_name, p.renewal_cutoff_version',
	toContract
);
