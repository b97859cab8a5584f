/** The Downloads screen's words that depend on data: sizes through Intl, entitlement reasons, transfer failures. */
import type { Entitlement } from '@keyfield/shared';
import { ErrorCode } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formatDay } from '$lib/i18n/format.ts';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1,536 → "1.5 kB": decimal units, as operating systems show file sizes to people. */
export function formatBytes(bytes: number): string {
	let unit = 0;
	let value = bytes;
	while (value >= 1000 && unit < UNITS.length - 1) {
		value /= 1000;
		unit++;
	}
	return new Intl.NumberFormat(getLocale(), { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

export function lockedText(decision: Entitlement): string {
	if (decision.allowed) return '';
	return decision.reason === 'no_license' ? m.downloads_locked_no_license() : m.downloads_locked_maintenance({ date: formatDay(decision.maintenanceEnd) });
}

export function transferProblemText(code: string | undefined): string {
	switch (code) {
		case ErrorCode.notEntitled:
			return m.downloads_problem_not_entitled();
		case ErrorCode.checksumMismatch:
			return m.downloads_problem_checksum();
		case ErrorCode.unauthorized:
			return m.downloads_problem_signed_out();
		case 'storage':
			return m.downloads_problem_storage();
		case ErrorCode.notFound:
			return m.downloads_problem_gone();
		default:
			return m.downloads_problem_network();
	}
}
