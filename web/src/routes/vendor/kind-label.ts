import type { AccountRef } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';

/** An account's kind as the console names it. */
export function kindLabel(kind: AccountRef['kind']): string {
	switch (kind) {
		case 'customer':
			return m.console_kind_customer();
		case 'partner':
			return m.console_kind_partner();
		case 'oem':
			return m.console_kind_oem();
		default:
			return kind;
	}
}
