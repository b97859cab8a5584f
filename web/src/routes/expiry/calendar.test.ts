// The .ics export: all-day events on the end date, escaped and folded text, reminders at 60/30/7 days.
import { describe, expect, it } from 'vitest';
import { calendarFile } from './calendar.ts';

const entry = { id: 'c1', revision: 2, endsOn: '2028-02-29', summary: 'Maintenance ends: Keyfield Vault; Acme, S.L.', description: 'Line one\nLine two', leads: [60, 30, 7] };

describe('calendar export', () => {
	const text = calendarFile([entry], new Date('2026-11-28T21:00:00.123Z'));
	const lines = text.split('\r\n');

	it('writes one all-day event on the last covered day, the next day as its exclusive end', () => {
		expect(lines).toContain('DTSTART;VALUE=DATE:20280229');
		expect(lines).toContain('DTEND;VALUE=DATE:20280301');
		expect(lines).toContain('UID:c1-r2@keyfield');
		expect(lines).toContain('DTSTAMP:20261128T210000Z');
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
	});

	it('escapes text and sets the reminders', () => {
		expect(lines).toContain('SUMMARY:Maintenance ends: Keyfield Vault\\; Acme\\, S.L.');
		expect(lines).toContain('DESCRIPTION:Line one\\nLine two');
		expect(lines.filter((l) => l.startsWith('TRIGGER:'))).toEqual(['TRIGGER:-P60D', 'TRIGGER:-P30D', 'TRIGGER:-P7D']);
	});

	it('folds long lines at 75 octets without splitting a character', () => {
		const long = calendarFile([{ ...entry, description: 'ñ'.repeat(100) }], new Date());
		const physical = long.split('\r\n');
		expect(physical.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
		expect(long.replace(/\r\n /g, '')).toContain(`DESCRIPTION:${'ñ'.repeat(100)}`);
	});
});
