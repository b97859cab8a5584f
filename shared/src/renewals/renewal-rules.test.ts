// Table-driven and property tests of the renewal rules, the date arithmetic under them and co-terming: month ends,
// leap days, the 30-day boundary, time zones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayNumber, daysBetween, fromDayNumber, todayIn } from './calendar-days.ts';
import { cotermPlan } from './coterm.ts';
import { parseLeadTimes, reminderLead } from './reminders.ts';
import { compareVersions, expiryBucket, renewalEligibility, renewedTerm, type RenewableContract } from './renewal-rules.ts';

// Every day from 1999 to 2101: month ends, 29 Feb 2000 (a leap century) and 2100 (not a leap year) included.
const isoDay = fc.integer({ min: dayNumber('1999-01-01'), max: dayNumber('2101-12-31') }).map(fromDayNumber);
const partner = { name: 'Northwind Partners', email: 'renewals@northwind.test', phone: '+34 600 000 000' };
const online: RenewableContract = { endsOn: '2027-03-31', channel: 'online', partner: null, productVersion: '8.0', renewalCutoffVersion: '8.0' };

describe('calendar days', () => {
	it.each([
		['2027-01-31', 1, '2027-02-28'],
		['2028-01-31', 1, '2028-02-29'],
		['2028-02-29', 12, '2029-02-28'],
		['2027-03-31', -1, '2027-02-28'],
		['2027-12-15', 1, '2028-01-15'],
		['2100-01-31', 1, '2100-02-28'],
		['2000-01-31', 1, '2000-02-29']
	])('%s + %i months = %s', (from, months, expected) => expect(addMonths(from, months)).toBe(expected));

	it('addDays and daysBetween are inverse over every day', () => {
		fc.assert(fc.property(isoDay, fc.integer({ min: -5000, max: 5000 }), (d, n) => daysBetween(d, addDays(d, n)) === n && addDays(addDays(d, n), -n) === d));
	});

	it('addMonths lands in the right month, on the same day or the month end', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: -36, max: 36 }), (d, months) => {
				const r = addMonths(d, months);
				const monthsApart = (Number(r.slice(0, 4)) - Number(d.slice(0, 4))) * 12 + Number(r.slice(5, 7)) - Number(d.slice(5, 7));
				const sameDay = r.slice(8) === d.slice(8);
				const monthEnd = addDays(r, 1).slice(8) === '01' && Number(r.slice(8)) < Number(d.slice(8));
				return monthsApart === months && (sameDay || monthEnd);
			})
		);
	});

	it.each([
		['2026-12-31T23:30:00Z', 'Europe/Madrid', '2027-01-01'],
		['2026-12-31T23:30:00Z', 'UTC', '2026-12-31'],
		['2027-01-01T03:00:00Z', 'America/Los_Angeles', '2026-12-31'],
		['2028-02-28T14:00:00Z', 'Pacific/Kiritimati', '2028-02-29']
	])('at %s the date in %s is %s', (at, zone, expected) => expect(todayIn(zone, new Date(at))).toBe(expected));
});

describe('renewal eligibility', () => {
	it.each([
		['31 days before the end', '2027-02-28', false],
		['30 days before the end', '2027-03-01', true],
		['on the last day', '2027-03-31', true],
		['a year after it ended', '2028-03-31', true]
	])('an online contract %s: eligible %s', (_label, today, eligible) => expect(renewalEligibility(online, today).eligible).toBe(eligible));

	it('too early says from when', () => {
		expect(renewalEligibility(online, '2027-01-01')).toEqual({
			eligible: false,
			daysLeft: 89,
			reasons: [{ kind: 'too_early', opensOn: '2027-03-01' }],
			contact: null
		});
	});

	it('a partner sale names the partner; a version before the cutoff gives the upgrade path; reasons add up', () => {
		const result = renewalEligibility({ ...online, channel: 'partner', partner, productVersion: '7.4' }, '2027-01-01');
		expect(result.eligible).toBe(false);
		if (result.eligible) return;
		expect(result.reasons.map((r) => r.kind)).toEqual(['too_early', 'partner_channel', 'version_before_cutoff']);
		expect(result.contact).toEqual(partner);
		expect(result.reasons[2]).toEqual({ kind: 'version_before_cutoff', productVersion: '7.4', cutoffVersion: '8.0' });
	});

	it.each([
		['8.0', '8', 0],
		['8.10', '8.9', 1],
		['7.99', '8.0', -1],
		['10', '9.9', 1]
	])('compareVersions(%s, %s) = %i', (a, b, expected) => expect(compareVersions(a, b)).toBe(expected));

	it('an online contract at or after the cutoff is eligible exactly when at most 30 days remain', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: -400, max: 400 }), (end, daysLeft) => {
				const result = renewalEligibility({ ...online, endsOn: end }, addDays(end, -daysLeft));
				return result.daysLeft === daysLeft && result.eligible === daysLeft <= 30;
			})
		);
	});
});

describe('renewed term', () => {
	it.each([
		['before the end: extends from the old end', '2027-03-31', '2027-03-10', { startsOn: '2027-04-01', endsOn: '2028-03-31' }],
		['on the last day: still from the old end', '2027-03-31', '2027-03-31', { startsOn: '2027-04-01', endsOn: '2028-03-31' }],
		['the day after: from the renewal date', '2027-03-31', '2027-04-01', { startsOn: '2027-04-01', endsOn: '2028-03-31' }],
		['long after: from the renewal date', '2027-03-31', '2027-06-15', { startsOn: '2027-06-15', endsOn: '2028-06-14' }],
		['a leap day end', '2028-02-29', '2028-02-01', { startsOn: '2028-03-01', endsOn: '2029-02-28' }]
	])('%s', (_label, endsOn, renewedOn, expected) => expect(renewedTerm(endsOn, renewedOn)).toEqual(expected));

	it('before the end no remaining day is lost; after it the term starts on the renewal date; never a gap or overlap', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 1, max: 36 }), (end, offset, months) => {
				const renewedOn = addDays(end, offset);
				const term = renewedTerm(end, renewedOn, months);
				const length = daysBetween(term.startsOn, term.endsOn) + 1;
				const startOk = offset <= 0 ? term.startsOn === addDays(end, 1) : term.startsOn === renewedOn;
				return startOk && term.endsOn > end && length >= 28 * months - 3 && length <= 31 * months + 1;
			})
		);
	});
});

describe('expiry buckets', () => {
	it.each([
		[-1, 'expired'],
		[0, 'within30'],
		[30, 'within30'],
		[31, 'within90'],
		[90, 'within90'],
		[91, 'later']
	])('%i days left -> %s', (days, bucket) => expect(expiryBucket(days)).toBe(bucket));
});

describe('co-terming', () => {
	const contract = fc.record({ id: fc.uuid(), endsOn: isoDay, seats: fc.integer({ min: 1, max: 500 }) });

	it('proposes the latest end, adds days and seat-days per contract', () => {
		const plan = cotermPlan([
			{ id: 'a', endsOn: '2027-01-31', seats: 5 },
			{ id: 'b', endsOn: '2027-03-31', seats: 2 }
		]);
		expect(plan).toEqual({
			ok: true,
			commonEnd: '2027-03-31',
			lines: [
				{ id: 'a', endsOn: '2027-01-31', newEndsOn: '2027-03-31', daysAdded: 59, seatDays: 295 },
				{ id: 'b', endsOn: '2027-03-31', newEndsOn: '2027-03-31', daysAdded: 0, seatDays: 0 }
			],
			totalSeatDays: 295
		});
	});

	it('refuses a date that would shorten a contract, and an empty pick', () => {
		expect(cotermPlan([{ id: 'a', endsOn: '2027-03-31', seats: 1 }], '2027-03-30')).toEqual({ ok: false, reason: 'would_shorten', latestEnd: '2027-03-31' });
		expect(cotermPlan([])).toEqual({ ok: false, reason: 'no_contracts' });
	});

	it('every contract ends on the common date and none is shortened, for any pick', () => {
		fc.assert(
			fc.property(fc.array(contract, { minLength: 1, maxLength: 20 }), fc.option(isoDay, { nil: undefined }), (contracts, picked) => {
				const plan = cotermPlan(contracts, picked);
				const latest = contracts.map((c) => c.endsOn).sort().at(-1)!;
				if (!plan.ok) return picked !== undefined && picked < latest && plan.reason === 'would_shorten';
				return plan.lines.every((l, i) => l.newEndsOn === plan.commonEnd && l.daysAdded >= 0 && addDays(contracts[i]!.endsOn, l.daysAdded) === plan.commonEnd && l.seatDays === l.daysAdded * contracts[i]!.seats);
			})
		);
	});
});

describe('reminder lead times', () => {
	it.each([
		[61, null],
		[60, 60],
		[31, 60],
		[30, 30],
		[8, 30],
		[7, 7],
		[-3, 7]
	])('%i days left -> lead %s', (days, lead) => expect(reminderLead(days)).toBe(lead));

	it('uses lead times a person set', () => expect(reminderLead(14, [90, 14])).toBe(14));

	it.each([
		['60, 30, 7', [60, 30, 7]],
		['7 30;60 30', [60, 30, 7]],
		['90', [90]],
		['', null],
		['0', null],
		['366', null],
		['1.5', null],
		['-7', null],
		['1,2,3,4,5,6', null],
		['ten', null]
	])('parseLeadTimes(%j) = %j', (text, expected) => expect(parseLeadTimes(text)).toEqual(expected));

	it('anything typed parses to null or to valid lead times', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 40 }), (text) => {
				const leads = parseLeadTimes(text);
				return leads === null || (leads.length >= 1 && leads.length <= 5 && leads.every((d, i) => Number.isInteger(d) && d >= 1 && d <= 365 && (i === 0 || d < leads[i - 1]!)));
			})
		);
	});
});
