import type { AgreementEventRow, AgreementRow } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { agreementCsv, csvField, csvFileName } from './agreement-csv.ts';

const agreement: AgreementRow = {
	id: '22222222-2222-4222-8222-222222222222',
	accountId: '11111111-1111-4111-8111-111111111111',
	version: 9,
	name: 'Acme "Flex", 2026',
	startsOn: '2026-01-01',
	endsOn: '2026-12-31',
	licensee: { company: 'Acme', contactName: 'IT', email: 'it@acme.test', country: 'ES' },
	products: [{ sku: 'KF-EDGE', name: 'Edge, Gateway', seatCap: 10, seatsUsed: 2 }]
};

function event(n: number, kind: 'draw' | 'release', seats: number, at: string): AgreementEventRow {
	return { id: `e000000${n}-0000-4000-8000-000000000000`, accountId: agreement.accountId, version: n, agreementId: agreement.id, sku: 'KF-EDGE', kind, seats, licenseId: '33333333-3333-4333-8333-333333333333', userEmail: 'tech@acme.test', at };
}

describe('agreement CSV', () => {
	it('escapes commas, quotes and line breaks, and leaves plain fields alone', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField(12)).toBe('12');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
	});

	it('has a header row and one row per event, oldest first, with ISO times and the seats in use after each', () => {
		const csv = agreementCsv(agreement, [event(2, 'release', 1, '2026-02-01T10:00:00.000Z'), event(1, 'draw', 3, '2026-01-15T08:30:00.000Z')]);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('agreement_id,agreement,at,sku,product,event,seats,seats_in_use_after,seat_cap,license_id,user');
		expect(lines[1]).toBe(`${agreement.id},"Acme ""Flex"", 2026",2026-01-15T08:30:00.000Z,KF-EDGE,"Edge, Gateway",draw,3,3,10,33333333-3333-4333-8333-333333333333,tech@acme.test`);
		expect(lines[2]).toContain(',release,1,2,10,');
		expect(lines).toHaveLength(4); // the file ends with a line break
		expect(lines[3]).toBe('');
	});

	it('names the file after the agreement and the day', () => {
		expect(csvFileName(agreement, new Date('2026-03-04T12:00:00Z'))).toBe('acme-flex-2026-usage-2026-03-04.csv');
	});
});
