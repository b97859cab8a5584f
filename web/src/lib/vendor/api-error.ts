/** What the console says when a vendor API call fails: the reason in the reader's language, and the server's own
 * detail (which names the field, account or SKU) after it. */
import type { ApiFailure } from '$lib/sync/api.ts';
import { m } from '$lib/paraglide/messages.js';

export function apiErrorText(failure: ApiFailure): string {
	switch (failure.code) {
		case 'unavailable':
			return m.ent_error_unreachable();
		case 'unauthorized':
			return m.ent_error_signed_out();
		case 'forbidden':
			return m.ent_vendors_only();
		case 'validation_failed': {
			const issues = (failure.details.issues as { path?: unknown[]; message?: string }[] | undefined) ?? [];
			const fields = issues.map((i) => `${(i.path ?? []).join('.')}: ${i.message ?? ''}`).join('; ');
			return m.ent_error_invalid({ detail: fields || failure.message });
		}
		default:
			return m.ent_error_refused({ detail: failure.message });
	}
}
