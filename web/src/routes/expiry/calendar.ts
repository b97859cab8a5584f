/**
 * The contracts' end dates as an iCalendar file (RFC 5545) for any calendar app: one all-day event per contract on
 * its last covered day, with an alarm at each of its reminder lead times. The UID names the contract and its
 * revision, so importing again after a renewal adds the new end rather than duplicating the old one.
 */
import { addDays } from '@keyfield/shared';

export type CalendarEntry = { id: string; revision: number; endsOn: string; summary: string; description: string; leads: readonly number[] };

function escapeText(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1), never inside a character. */
function fold(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	for (const char of line) {
		if (encoder.encode(current + char).length > (parts.length === 0 ? 75 : 74)) {
			parts.push(current);
			current = '';
		}
		current += char;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const compact = (isoDate: string) => isoDate.replace(/-/g, '');

export function calendarFile(entries: readonly CalendarEntry[], now: Date): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Keyfield//Renewals//EN', 'CALSCALE:GREGORIAN'];
	for (const e of entries) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${e.id}-r${e.revision}@keyfield`,
			`DTSTAMP:${stamp}`,
			`DTSTART;VALUE=DATE:${compact(e.endsOn)}`,
			`DTEND;VALUE=DATE:${compact(addDays(e.endsOn, 1))}`,
			`SUMMARY:${escapeText(e.summary)}`,
			`DESCRIPTION:${escapeText(e.description)}`,
			...e.leads.flatMap((days) => ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(e.summary)}`, `TRIGGER:-P${days}D`, 'END:VALARM']),
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return lines.map(fold).join('\r\n') + '\r\n';
}
