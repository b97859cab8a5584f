/**
 * The products a Catalog form offers, read from the server rather than the synced catalog: a product added a
 * moment ago is offered before the device's next pull. The first 200 by SKU, the most one select can usefully show.
 */
import type { CatalogProduct } from '@keyfield/shared';
import { catalogApi } from '$lib/vendor/catalog-api.ts';
import { apiErrorText } from '$lib/vendor/api-error.ts';

export class ProductChoices {
	list = $state.raw<CatalogProduct[] | undefined>(undefined);
	error = $state<string | null>(null);

	async load(): Promise<void> {
		const res = await catalogApi().products({ limit: 200 });
		if (res.ok) this.list = res.data.products;
		else this.error = apiErrorText(res);
	}
}
